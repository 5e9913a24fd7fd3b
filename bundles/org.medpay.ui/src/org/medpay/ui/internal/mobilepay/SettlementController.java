package org.medpay.ui.internal.mobilepay;

import java.util.function.Supplier;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.payment.PaymentLeg;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.PaymentProgress;
import org.medpay.payment.PaymentService;
import org.medpay.payment.RegionInfo;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.status.StatusBar;

/**
 * P-11 / P-12 on the mobile-pay screen: 扫码结算(G) waits for the scan in 电子社保码, the scan is classified,
 * the payment runs in the background with the seconds left of N-3's 60 s shown, and the outcome is a
 * summary (the sale clears) or the specific message. The UI thread only ever hands work over.
 */
public final class SettlementController {

    private final Sale sale;
    private final Text code;
    private final Button settleButton;
    private final Supplier<PaymentService> payments;
    private final Supplier<IEventBroker> events;
    private final Label banner;
    private final Label status;
    private final Label countdown;
    private final Display display;
    private volatile String runningAttempt;
    private volatile long deadline;
    private boolean busy;
    private Runnable tick;
    private PaymentService watched;
    private final Runnable regionChanged = this::showRegionLater;

    public SettlementController(Composite page, Text code, Button settleButton, Sale sale,
            Supplier<PaymentService> payments, Supplier<IEventBroker> events) {
        this.sale = sale;
        this.code = code;
        this.settleButton = settleButton;
        this.payments = payments;
        this.events = events;
        this.display = page.getDisplay();

        banner = WidgetIds.name(new Label(page, SWT.CENTER), "mobilepay.training");
        banner.setText(Messages.get("settle.training"));
        banner.setBackground(new Color(255, 214, 0));
        banner.setForeground(new Color(120, 0, 0));
        GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(banner);
        banner.setVisible(false);
        if (page.getChildren().length > 1) {
            banner.moveAbove(page.getChildren()[0]); // a banner belongs on top, where the cashier looks first
        }

        Composite row = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 0).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        status = WidgetIds.name(new Label(row, SWT.WRAP), "mobilepay.settleStatus");
        GridDataFactory.fillDefaults().grab(true, false).hint(600, SWT.DEFAULT).applyTo(status);
        countdown = WidgetIds.name(new Label(row, SWT.RIGHT), "mobilepay.secondsLeft");
        GridDataFactory.fillDefaults().hint(160, SWT.DEFAULT).applyTo(countdown);

        settleButton.addListener(SWT.Selection, e -> armScan());
        // A scanner ends its burst with Enter (CR): that ends the scan.
        code.addListener(SWT.DefaultSelection, e -> scanned());
        code.addListener(SWT.KeyDown, e -> {
            if (e.character == SWT.CR || e.character == SWT.LF || e.keyCode == SWT.KEYPAD_CR) {
                e.doit = false;
                scanned();
            }
        });
        showRegion();
        // The status bar may be created after this view and miss the first post; say it again once all is up.
        display.timerExec(2_000, this::showRegion);
    }

    /** 扫码结算(G): focus the 电子社保码 field and wait for the scan (P-11). */
    public void armScan() {
        if (busy) {
            return;
        }
        showRegion();
        code.setText("");
        code.setFocus();
        say(Messages.get(sale.isEmpty() ? "settle.emptySale" : "settle.waitScan"));
    }

    private void scanned() {
        String text = code.getText();
        code.setText(""); // a payment code never stays on screen
        if (busy || text.isBlank()) {
            return;
        }
        ScannedCode scan = PaymentCodeCheck.classify(text);
        if (!(scan.kind() == ScannedCodeKind.ALIPAY_PAYMENT_CODE || scan.kind() == ScannedCodeKind.WECHAT_PAYMENT_CODE
                || scan.kind() == ScannedCodeKind.INSURANCE_EVOUCHER)) {
            say(Messages.get(scan.kind() == ScannedCodeKind.UNIONPAY_PAYMENT_CODE ? "settle.unionpay" : "settle.notACode"));
            code.setFocus();
            return;
        }
        PaymentService service = payments.get();
        if (service == null) {
            say(Messages.get("settle.noService"));
            return;
        }
        if (sale.isEmpty()) {
            say(Messages.get("settle.emptySale"));
            return;
        }
        busy = true;
        settleButton.setEnabled(false);
        say(Messages.get("settle.started"));
        service.settle(sale, scan, currentOperator(), this::onProgress)
                .whenComplete((outcome, error) -> ui(() -> finished(outcome, error)));
    }

    private void onProgress(PaymentProgress p) {
        runningAttempt = p.attemptId();
        deadline = p.deadlineEpochMillis();
        ui(() -> {
            if (!busy) {
                return;
            }
            say(Messages.get("settle.state." + p.state().name()));
            startCountdown();
        });
    }

    private void startCountdown() {
        if (tick != null) {
            return;
        }
        tick = () -> {
            if (countdown.isDisposed()) {
                return;
            }
            if (!busy) {
                countdown.setText("");
                tick = null;
                return;
            }
            long left = Math.max(0, (deadline - System.currentTimeMillis() + 999) / 1000);
            countdown.setText(Messages.format("settle.secondsLeft", left));
            display.timerExec(500, tick);
        };
        tick.run();
    }

    private void finished(PaymentOutcome o, Throwable error) {
        busy = false;
        settleButton.setEnabled(true);
        countdown.setText("");
        if (error != null || o == null) {
            say(Messages.get("failure.INTERNAL"));
            return;
        }
        switch (o.result()) {
            case PAID -> {
                say(summary(o));
                sale.clear(); // P-12: the screen's data is cleared
            }
            case UNKNOWN -> say(Messages.get("settle.unknown"));
            case FAILED -> {
                if (o.failure() == org.medpay.payment.FailureKind.BLOCKED_BY_RULE && askForRegisterEntry(o)) {
                    return;
                }
                String msg = Messages.get("failure." + o.failure().name());
                if (!o.platformMessage().isBlank()) {
                    msg += Messages.format("settle.platformSays", o.platformMessage());
                }
                if (o.fellBackToChannel()) {
                    msg = Messages.get("settle.fellBack") + " " + msg;
                }
                say(msg);
                code.setFocus();
            }
        }
        showRegion();
    }

    /** The signed-in cashier goes into the gateway envelope ({@code opter}, {@code opter_name}). */
    static OperatorRef currentOperator() {
        org.medpay.operator.OperatorService operators = service(org.medpay.operator.OperatorService.class);
        if (operators != null) {
            var op = operators.current();
            if (op.isPresent()) {
                return operators.requireCurrentRef();
            }
        }
        return OperatorRef.SYSTEM;
    }

    private static <T> T service(Class<T> type) {
        var bc = org.osgi.framework.FrameworkUtil.getBundle(SettlementController.class).getBundleContext();
        var ref = bc == null ? null : bc.getServiceReference(type);
        return ref == null ? null : bc.getService(ref);
    }

    /**
     * P-1: the payment service refused the insurance leg for want of a register entry. The form comes up
     * at once; once it is recorded the buyer's code (refreshed every minute) is scanned again, a new attempt.
     */
    private boolean askForRegisterEntry(PaymentOutcome o) {
        org.medpay.register.ComplianceRegister register = service(org.medpay.register.ComplianceRegister.class);
        if (register == null) {
            return false;
        }
        Sale snapshot = new Sale(sale.id());
        for (org.medpay.core.sale.SaleLine l : sale.lines()) {
            snapshot.add(l.drug(), l.quantity(), l.chargeTime());
        }
        // The split the payment service will settle on the rescan: all from the account under N-1, what the
        // balance covers under a split policy. An entry with another split would be refused again (P-1 gate).
        org.medpay.core.money.Money total = snapshot.total();
        org.medpay.core.money.Money insurance = o.insuranceDue() != null ? o.insuranceDue() : total;
        var entry = org.medpay.ui.internal.register.RegisterEntryDialog.open(code.getShell(), register, snapshot,
                insurance, total.minus(insurance), currentOperator());
        say(Messages.get(entry.isPresent() ? "settle.registeredRescan" : "failure.BLOCKED_BY_RULE"));
        code.setFocus();
        return true;
    }

    private static String summary(PaymentOutcome o) {
        StringBuilder b = new StringBuilder(Messages.format("settle.paid", o.total().format()));
        for (PaymentLeg leg : o.legs()) {
            b.append("  ").append(Messages.format("settle.leg", Messages.get("channel." + leg.channel().name()),
                    leg.amount().format()));
        }
        if (o.fellBackToChannel()) {
            b.append("  ").append(Messages.get("settle.fellBack"));
        }
        if (o.balanceAfter() != null) {
            b.append("  ").append(Messages.format("settle.balanceAfter", o.balanceAfter().format()));
        }
        return b.toString();
    }

    /**
     * Follows {@code service}'s region changes (a region bundle installed, updated or stopped, the configured
     * region changed) with the banner, instead of learning them at the next scan only; {@code null} stops.
     * The payment service reports on its own threads: the banner changes on the UI thread.
     */
    public void watchRegion(PaymentService service) {
        PaymentService old = watched;
        if (old == service) {
            return;
        }
        if (old != null) {
            old.removeRegionListener(regionChanged);
        }
        watched = service;
        if (service != null) {
            service.addRegionListener(regionChanged);
            regionChanged.run();
        }
    }

    private void showRegionLater() {
        if (!display.isDisposed()) {
            display.asyncExec(this::showRegion);
        }
    }

    /** 培训模式 banner and the status bar's region label follow the active gateway. */
    public void showRegion() {
        if (banner.isDisposed()) {
            return;
        }
        PaymentService service = payments.get();
        RegionInfo region = service == null ? null : service.activeRegion().orElse(null);
        boolean training = region != null && region.training();
        if (banner.getVisible() != training) {
            banner.setVisible(training);
            ((org.eclipse.swt.layout.GridData) banner.getLayoutData()).exclude = !training;
            banner.getParent().layout(true, true);
        }
        IEventBroker broker = events.get();
        if (broker != null && service != null) {
            // Also when the gateway is away (hot swap): the status bar then says the region is not served.
            broker.post(StatusBar.TOPIC_REGION, StatusBar.regionText(service));
        }
    }

    private void say(String text) {
        if (!status.isDisposed()) {
            status.setText(text);
            status.getParent().layout(true, true);
        }
    }

    private void ui(Runnable r) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!status.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    /** For tests and support: the attempt on screen now. */
    public String runningAttempt() {
        return runningAttempt;
    }

    public boolean busy() {
        return busy;
    }
}
