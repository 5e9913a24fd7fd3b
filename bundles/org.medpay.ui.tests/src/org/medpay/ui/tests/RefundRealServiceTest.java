package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.PaymentService;
import org.medpay.refund.RefundCriteria;
import org.medpay.refund.RefundOrder;
import org.medpay.refund.RefundService;
import org.medpay.refund.RefundStatus;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.mobilepay.MobilePayPart;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * R-1..R-4 with the real services under Xvfb: a sale paid through the real payment service (the embedded
 * sandbox region, HTTP on loopback), then, in the 退单 tab of the real view, the real refund service (Derby,
 * the same sandbox) with the real supervisor check of the operator service: the query started with Enter,
 * the order selected and rolled back with Enter, the real confirmation dialog (naming the order and the
 * amount; 否 is its default button) answered from the keyboard with the demo supervisor's code and PIN and
 * 是, the outcome shown per leg, the order's status 已退款.
 */
class RefundRealServiceTest {

    /** docs/operators.md: the demo supervisor of the embedded default. */
    static final String SUPERVISOR = "9001", SUPERVISOR_PIN = "654321";

    private Display display;
    private Shell shell;
    private IEclipseContext ctx;

    @BeforeEach
    void setUp() {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        display = Display.getDefault();
    }

    @AfterEach
    void tearDown() {
        if (ctx != null) {
            ctx.dispose();
        }
        if (shell != null) {
            shell.dispose();
        }
        System.clearProperty("osgi.nl");
        Messages.reset();
    }

    private static <T> T await(Class<T> type) throws InterruptedException {
        BundleContext bc = FrameworkUtil.getBundle(MobilePayPart.class).getBundleContext();
        ServiceTracker<T, T> t = new ServiceTracker<>(bc, type, null);
        t.open();
        T s = t.waitForService(30_000);
        assertNotNull(s, type.getName() + " from DS");
        return s;
    }

    /** One unmatched drug (N-2): the wallet pays it all. ¥7.80 */
    private static Sale sale() {
        Sale s = new Sale();
        s.add(new DrugRef("P9", "维生素C片", "100片", "瓶", Money.ofFen(390), null, null, false), 2,
                LocalDateTime.now());
        return s;
    }

    private void spinUntil(String what, BooleanSupplier done, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError(what + " within " + millis + " ms");
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private <T> T w(Class<T> type, String id) {
        Object o = WidgetIds.find(shell, id);
        assertNotNull(o, id);
        return type.cast(o);
    }

    /** Posts one key through the X server (XTest under Xvfb), as a person's keyboard would. */
    private static void key(Display d, char c) {
        for (int type : new int[] { SWT.KeyDown, SWT.KeyUp }) {
            Event e = new Event();
            e.type = type;
            e.character = c;
            if (c == '\r' || c == '\t') {
                e.keyCode = c;
            }
            assertTrue(XKeys.post(d, e), "the X server accepted the key");
        }
        try {
            Thread.sleep(40);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void moveMouseInto(Display d, Rectangle b) {
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = b.x + b.width / 2;
        move.y = b.y + b.height / 2;
        XKeys.post(d, move);
    }

    @Test
    void paidSaleQueriedRolledBackWithTheSupervisorAndShownRefunded() throws Exception {
        // A real payment first (P-11), by the demo cashier.
        SignedIn.asDemoCashier();
        PaymentService payments = await(PaymentService.class);
        long until = System.currentTimeMillis() + 30_000;
        while (payments.activeRegion().isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        String code = "28" + String.format("%014d", System.nanoTime() % 100_000_000_000_000L) + "00";
        PaymentOutcome paid = payments.settle(sale(), new ScannedCode(code, ScannedCodeKind.ALIPAY_PAYMENT_CODE, "test"),
                new OperatorRef("1001", "收银员张敏"), null).get(60, TimeUnit.SECONDS);
        assertEquals(PaymentOutcome.Result.PAID, paid.result(), () -> "the sale was not paid: " + paid);
        String orderNo = paid.attemptId();
        RefundService refunds = await(RefundService.class);
        assertTrue(refunds.approvalRequired(), "the operator service's supervisor check is active (R-4, issue 7)");

        // The real view, signed in.
        shell = new Shell(display);
        shell.setSize(1200, 760);
        ctx = EclipseContextFactory.getServiceContext(FrameworkUtil.getBundle(MobilePayPart.class).getBundleContext())
                .createChild();
        ctx.set(Composite.class, shell);
        MobilePayPart part = ContextInjectionFactory.make(MobilePayPart.class, ctx);
        shell.layout(true, true);
        shell.open();
        SignedIn.awaitUnlocked(display, shell, part);

        // the 退单 tab. R-2: the transaction number, Enter queries.
        part.showRefundTab();
        Text tradeNo = w(Text.class, "refund.tradeNo");
        Table table = w(Table.class, "refund.results");
        Label message = w(Label.class, "refund.message");
        Button rollback = w(Button.class, "refund.rollback");
        tradeNo.setText(orderNo);
        XKeys.focus(shell, tradeNo);
        key(display, '\r');
        spinUntil("the paid order listed", () -> table.getItemCount() == 1 && rollback.isEnabled(), 20_000);
        assertEquals(orderNo, table.getItem(0).getText(1));
        assertEquals(Money.ofFen(780).format(), table.getItem(0).getText(3));
        assertEquals(Messages.get("refund.status.PAID"), table.getItem(0).getText(6));
        assertEquals(0, table.getSelectionIndex(), "R-3: the order is selected");
        assertTrue(table.isFocusControl(), "the results have the focus, for the keyboard");

        // Enter on the selected order opens the confirmation; a helper answers it from the keyboard.
        AtomicReference<String> asked = new AtomicReference<>();
        AtomicReference<Throwable> helperFailed = new AtomicReference<>();
        Thread helper = new Thread(() -> {
            try {
                Shell[] dialog = new Shell[1];
                long end = System.currentTimeMillis() + 20_000;
                while (dialog[0] == null && System.currentTimeMillis() < end) {
                    display.syncExec(() -> {
                        for (Shell s : display.getShells()) {
                            if (s != shell && !s.isDisposed() && s.isVisible()
                                    && Messages.get("refund.confirm.title").equals(s.getText())) {
                                dialog[0] = s;
                            }
                        }
                    });
                    Thread.sleep(50);
                }
                assertNotNull(dialog[0], "the confirmation dialog opened");
                display.syncExec(() -> {
                    StringBuilder texts = new StringBuilder();
                    collectLabels(dialog[0], texts);
                    asked.set(texts.toString());
                    // Xvfb: keyboard focus follows the pointer.
                    moveMouseInto(display, dialog[0].getBounds());
                    dialog[0].forceActive();
                    ((Text) WidgetIds.find(dialog[0], "refund.supervisor.code")).setFocus();
                });
                Thread.sleep(300);
                // Code, Tab, PIN, Tab to 是 (the first button), Space presses it.
                for (char c : (SUPERVISOR + "\t" + SUPERVISOR_PIN + "\t ").toCharArray()) {
                    key(display, c);
                }
            } catch (Throwable t) {
                helperFailed.set(t);
            }
        }, "refund-dialog-keys");
        helper.start();
        key(display, '\r'); // DefaultSelection on the table: 回退
        spinUntil("the roll back finished", () -> message.getText().contains(orderNo)
                && message.getText().contains(Messages.get("refund.leg.REFUNDED")), 30_000);
        helper.join(5_000);
        assertNull(helperFailed.get(), () -> "dialog helper: " + helperFailed.get());

        // The dialog named the order and the amount.
        assertNotNull(asked.get());
        assertTrue(asked.get().contains(orderNo) && asked.get().contains(Money.ofFen(780).format()), asked.get());
        // The outcome per leg: the Alipay leg back.
        String shown = message.getText();
        assertTrue(shown.contains(Messages.get("refund.channel.ALIPAY") + " " + Money.ofFen(780).format() + " "
                + Messages.get("refund.leg.REFUNDED")), shown);
        // The table is queried again: the order is 已退款 and cannot be rolled back twice.
        spinUntil("the status refreshed", () -> table.getItemCount() == 1
                && Messages.get("refund.status.REFUNDED").equals(table.getItem(0).getText(6)), 20_000);
        assertFalse(rollback.isEnabled(), "a refunded order cannot be rolled back again");
        assertEquals(shown, message.getText(), "the outcome stays on screen");
        List<RefundOrder> after = refunds.query(new RefundCriteria(null, orderNo, null, null)).orders();
        assertEquals(RefundStatus.REFUNDED, after.get(0).status(), "the service agrees");
    }

    private static void collectLabels(Control c, StringBuilder out) {
        if (c instanceof Label l) {
            out.append(l.getText()).append('\n');
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                collectLabels(child, out);
            }
        }
    }
}
