package org.medpay.ui.internal.guidance;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.guidance.GuidanceTexts.Line;

/**
 * The line the cashier says next (P-2 … P-6), shown above the sale. The sale and settlement code call the
 * {@code on…} methods at the moments the procedure names; any thread may call them.
 */
public final class GuidanceStrip {

    private final Composite control;
    private final Label text;
    private final GuidanceTexts texts;
    private volatile Line current;

    public GuidanceStrip(Composite parent, GuidanceTexts texts) {
        this.texts = texts;
        control = WidgetIds.name(new Composite(parent, SWT.NONE), "guidance.strip");
        control.setData("org.eclipse.e4.ui.css.CssClassName", "guidance");
        GridLayoutFactory.fillDefaults().numColumns(2).margins(6, 3).applyTo(control);
        Label title = new Label(control, SWT.NONE);
        title.setText(Messages.get("guidance.title"));
        text = WidgetIds.name(new Label(control, SWT.WRAP), "guidance.text");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(text);
        // Fixed colours: the theme's "info" colours are black on black on some GTK themes.
        Color background = new Color(255, 248, 214);
        Color foreground = new Color(92, 58, 0);
        for (Control c : new Control[] { control, title, text }) {
            c.setBackground(background);
            c.setForeground(foreground);
        }
    }

    public Control control() {
        return control;
    }

    /** P-2: a sale starts — ask "phone or another way?". */
    public void onSaleStarted() {
        show(Line.ASK_PAYMENT);
    }

    /** P-5: the customer says "by phone". */
    public void onPayByPhone() {
        show(Line.PAY_BY_PHONE);
    }

    /** P-5 → P-3/P-4: the buyer's phone is not bound to the electronic social-security card. */
    public void onBuyerUnbound() {
        show(Line.UNBOUND);
    }

    /** P-6: the sale was paid by physical card or cash — suggest binding for next time. */
    public void onCardOrCashCheckout() {
        show(Line.SUGGEST_BINDING);
    }

    public void clear() {
        show(null);
    }

    /** What is shown now ({@code null}: nothing), for tests and support. */
    public Line current() {
        return current;
    }

    private void show(Line line) {
        current = line;
        Display display = control.isDisposed() ? null : control.getDisplay();
        if (display == null) {
            return;
        }
        if (display.getThread() != Thread.currentThread()) {
            display.asyncExec(() -> show(line));
            return;
        }
        if (text.isDisposed() || current != line) {
            return;
        }
        text.setText(line == null ? "" : texts.text(line));
        // Nothing to say, nothing shown: an empty strip only takes room from the sale.
        control.setVisible(line != null);
        if (control.getLayoutData() instanceof GridData gd) {
            gd.exclude = line == null;
        }
        control.getParent().layout(true, true);
    }
}
