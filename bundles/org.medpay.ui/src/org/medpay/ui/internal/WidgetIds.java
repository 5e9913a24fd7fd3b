package org.medpay.ui.internal;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Widget;

/**
 * Stable names on widgets, independent of their (translated) text, so UI tests and support tooling find
 * a control in either language.
 */
public final class WidgetIds {

    public static final String KEY = "org.medpay.ui.id";

    private WidgetIds() {
    }

    public static <W extends Widget> W name(W widget, String id) {
        widget.setData(KEY, id);
        return widget;
    }

    /** Depth-first search below {@code root}; {@code null} when absent. */
    public static Widget find(Control root, String id) {
        if (id.equals(root.getData(KEY))) {
            return root;
        }
        if (root instanceof org.eclipse.swt.widgets.Composite c) {
            for (Control child : c.getChildren()) {
                Widget w = find(child, id);
                if (w != null) {
                    return w;
                }
            }
            if (root instanceof org.eclipse.swt.custom.CTabFolder folder) {
                for (org.eclipse.swt.custom.CTabItem item : folder.getItems()) {
                    if (id.equals(item.getData(KEY))) {
                        return item;
                    }
                }
            }
        }
        return null;
    }
}
