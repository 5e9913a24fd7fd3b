package org.medpay.ui.internal.mobilepay;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolTip;
import org.medpay.core.scan.ScannedCode;
import org.medpay.scanner.ScanDiagnosis;
import org.medpay.scanner.ScanEvent;
import org.medpay.scanner.ScanListener;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.ScannerService;
import org.medpay.scanner.ScannerStatus;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.scanner.KeyboardWedge;

/**
 * Brings scans into the mobile-pay view (P-11): both the 电子社保码 field and the entry field get a keyboard
 * wedge, and serial scans arrive through the {@link ScannerService}. Wherever a scan came from, the
 * classification decides where it goes: payment codes and e-vouchers to 电子社保码, drug codes to the entry
 * field (each followed by the field's DefaultSelection, as if the cashier pressed Enter there); garbage goes
 * nowhere and the cashier is told why; N-4 signs are said in plain words. Kept out of MobilePayPart so that
 * the view's other behaviour can change independently.
 */
public final class ScanRouting implements ScanListener {

    private final Text entry;
    private final Text evoucher;
    private final Display display;
    private ScannerService scanner;
    private ToolTip tip;
    private volatile String lastMessage = "";

    private ScanRouting(Text entry, Text evoucher) {
        this.entry = entry;
        this.evoucher = evoucher;
        this.display = entry.getDisplay();
    }

    /** Finds the two fields below {@code root} by their widget ids; null when the view has neither. */
    public static ScanRouting install(Composite root, ScannerService scanner) {
        Text entry = WidgetIds.find(root, "mobilepay.entry") instanceof Text t ? t : null;
        Text evoucher = WidgetIds.find(root, "mobilepay.evoucher") instanceof Text t ? t : null;
        if (entry == null || evoucher == null) {
            return null;
        }
        ScanRouting r = new ScanRouting(entry, evoucher);
        r.setScanner(scanner);
        return r;
    }

    /** The service came, went or changed (e4 re-injects it); re-subscribes and re-reads the wedge settings. */
    public void setScanner(ScannerService s) {
        if (scanner != null) {
            scanner.removeListener(this);
        }
        scanner = s;
        ScannerConfig config = s == null || s.config() == null ? ScannerConfig.DEFAULTS : s.config();
        if (!entry.isDisposed()) {
            KeyboardWedge.attach(entry, this, config);
            KeyboardWedge.attach(evoucher, this, config);
        }
        if (s != null) {
            s.addListener(this);
        }
    }

    private void reattachIfChanged() {
        ScannerService s = scanner;
        if (s == null || s.config() == null || entry.isDisposed()) {
            return;
        }
        KeyboardWedge w = KeyboardWedge.of(entry);
        if (w == null || !w.config().equals(s.config())) {
            KeyboardWedge.attach(entry, this, s.config());
            KeyboardWedge.attach(evoucher, this, s.config());
        }
    }

    public void dispose() {
        if (scanner != null) {
            scanner.removeListener(this);
            scanner = null;
        }
        if (tip != null && !tip.isDisposed()) {
            tip.dispose();
        }
    }

    /** The last message shown to the cashier (tests and support). */
    public String lastMessage() {
        return lastMessage;
    }

    @Override
    public void scanned(ScanEvent event) {
        onUi(() -> route(event));
    }

    @Override
    public void diagnosed(ScanDiagnosis diagnosis) {
        onUi(() -> tell(focusedField(), Messages.get("scanner.n4.title"), diagnosis.message(), SWT.ICON_WARNING));
    }

    @Override
    public void statusChanged(ScannerStatus status) {
        // Every saved configuration ends in a status; the wedge settings may have changed with it.
        onUi(this::reattachIfChanged);
        if (status.state() == ScannerStatus.State.PORT_BUSY) {
            onUi(() -> tell(evoucher, Messages.get("scanner.n4.title"), status.message(), SWT.ICON_WARNING));
        }
    }

    private void route(ScanEvent event) {
        if (entry.isDisposed()) {
            return;
        }
        ScannedCode code = event.code();
        Text target;
        if (code.kind().identifiesBuyer()) {
            target = evoucher;
        } else if (code.kind().isDrugCode()) {
            target = entry;
        } else {
            // Garbage never reaches a gateway: nothing goes into a field, the cashier reads why.
            tell(focusedField(), Messages.get("scanner.garbage.title"), code.reason(), SWT.ICON_ERROR);
            return;
        }
        target.setText(code.text());
        target.setSelection(code.text().length());
        target.setFocus();
        lastMessage = Messages.format("scanner.routed", Messages.get("scanner.kind." + code.kind().name()),
                event.displayText());
        hideTip();
        Event e = new Event();
        e.widget = target;
        target.notifyListeners(SWT.DefaultSelection, e);
    }

    private Text focusedField() {
        Control f = display.getFocusControl();
        return f == entry ? entry : evoucher;
    }

    private void tell(Text near, String title, String message, int icon) {
        lastMessage = message;
        if (near.isDisposed()) {
            return;
        }
        hideTip();
        tip = new ToolTip(near.getShell(), SWT.BALLOON | icon);
        tip.setText(title);
        tip.setMessage(message);
        Point p = near.toDisplay(0, near.getSize().y);
        tip.setLocation(p);
        tip.setAutoHide(true);
        tip.setVisible(true);
    }

    private void hideTip() {
        if (tip != null && !tip.isDisposed()) {
            tip.dispose();
        }
        tip = null;
    }

    private void onUi(Runnable r) {
        if (display.isDisposed()) {
            return;
        }
        if (display.getThread() == Thread.currentThread()) {
            r.run();
        } else {
            display.asyncExec(r);
        }
    }
}
