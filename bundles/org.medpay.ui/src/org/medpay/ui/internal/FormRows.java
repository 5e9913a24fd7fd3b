package org.medpay.ui.internal;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The label-and-field rows of the dialogs' grids. A widget is created in the order of the calls, so the tab
 * order stays the order of the code; fields get their {@link WidgetIds} name here, labels none (tests find a
 * field by its name, never by the label's translated text).
 */
public final class FormRows {

    private FormRows() {
    }

    /** A titled group of {@code columns} that takes the dialog's width. */
    public static Group group(Composite parent, String titleKey, int columns) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(Messages.get(titleKey));
        GridLayoutFactory.swtDefaults().numColumns(columns).applyTo(g);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(g);
        return g;
    }

    /** A plain label with the message {@code key}, in the grid's next cell. */
    public static Label label(Composite parent, String key) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(Messages.get(key));
        return l;
    }

    /**
     * A label ({@code labelKey}), then a text field named {@code id} in the next cell.
     *
     * @param style the text's style ({@code SWT.BORDER}, with {@code SWT.PASSWORD} for a PIN)
     * @param limit the most characters, or 0 for no limit
     * @param widthHint the field's width, or {@code SWT.DEFAULT}
     * @param grab whether the field takes the row's spare width
     */
    public static Text text(Composite parent, String labelKey, String id, int style, int limit, int widthHint,
            boolean grab) {
        label(parent, labelKey);
        Text t = WidgetIds.name(new Text(parent, style), id);
        if (limit > 0) {
            t.setTextLimit(limit);
        }
        GridDataFactory.fillDefaults().grab(grab, false).hint(widthHint, SWT.DEFAULT).applyTo(t);
        return t;
    }

    /** A label named {@code id} for what went wrong, in dark red; the caller lays it out. */
    public static Label problem(Composite parent, String id, int style) {
        Label l = WidgetIds.name(new Label(parent, style), id);
        l.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        return l;
    }
}
