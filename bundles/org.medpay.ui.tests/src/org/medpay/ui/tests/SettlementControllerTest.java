package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
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
import org.medpay.payment.PaymentService;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.mobilepay.MobilePayPart;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * P-11 / P-12 end to end in the real view: the real DS payment service with the embedded sandbox region
 * (HTTP on loopback), a real SWT shell under Xvfb.
 */
class SettlementControllerTest {

    private Display display;
    private Shell shell;
    private IEclipseContext ctx;
    private MobilePayPart part;
    private static int n;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        var bc = FrameworkUtil.getBundle(MobilePayPart.class).getBundleContext();
        ServiceTracker<PaymentService, PaymentService> t = new ServiceTracker<>(bc, PaymentService.class, null);
        t.open();
        PaymentService service = t.waitForService(30_000);
        assertNotNull(service, "payment service");
        long until = System.currentTimeMillis() + 30_000;
        while (service.activeRegion().isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(1200, 760);
        ctx = EclipseContextFactory.getServiceContext(bc).createChild();
        ctx.set(Composite.class, shell);
        part = ContextInjectionFactory.make(MobilePayPart.class, ctx);
        shell.layout(true, true);
        shell.open();
        spinUntil(() -> true, 100);
    }

    @AfterEach
    void tearDown() {
        ctx.dispose();
        shell.dispose();
        System.clearProperty("osgi.nl");
        Messages.reset();
    }

    private Sale sale() throws Exception {
        var m = MobilePayPart.class.getDeclaredMethod("sale");
        m.setAccessible(true);
        return (Sale) m.invoke(part);
    }

    private <W> W find(String id, Class<W> type) {
        Object w = WidgetIds.find(shell, id);
        assertNotNull(w, id);
        return type.cast(w);
    }

    private void spinUntil(BooleanSupplier done, long millis) {
        long until = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean() && System.currentTimeMillis() < until) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static synchronized String alipay(String last2) {
        n++;
        return "28" + String.format("%014d", (System.nanoTime() / 1000) % 100_000_000_000_000L + n) + last2;
    }

    private void fillUnmatchedSale() throws Exception {
        sale().add(new DrugRef("P9", "维生素C片", "100片", "瓶", Money.ofFen(390), null, null, false), 2,
                LocalDateTime.of(2026, 11, 26, 10, 0));
    }

    private void scan(String text) {
        Text field = find("mobilepay.evoucher", Text.class);
        field.setText(text);
        field.notifyListeners(SWT.DefaultSelection, new Event());
    }

    private String status() {
        return find("mobilepay.settleStatus", Label.class).getText();
    }

    @Test
    void trainingModeIsShownWhenTheSandboxIsActive() {
        Label banner = find("mobilepay.training", Label.class);
        assertTrue(banner.getVisible(), "the sandbox is training mode");
        assertTrue(banner.getText().contains("培训模式"), banner.getText());
    }

    @Test
    void scanToSettlePaysShowsTheSummaryAndClearsTheSale() throws Exception {
        fillUnmatchedSale();
        find("mobilepay.scanSettle", Button.class).notifyListeners(SWT.Selection, new Event());
        spinUntil(() -> false, 50);
        assertEquals(Messages.get("settle.waitScan"), status(), "P-11: waits for the scan");
        scan(alipay("00"));
        assertEquals("", find("mobilepay.evoucher", Text.class).getText(), "the code does not stay on screen");
        spinUntil(() -> status().startsWith("支付成功:"), 20_000);
        assertTrue(status().startsWith("支付成功: 合计 ¥7.80"), status());
        assertTrue(status().contains("支付宝 ¥7.80"), status());
        assertTrue(sale().isEmpty(), "P-12: the screen's data is cleared");
        spinUntil(() -> find("mobilepay.table", Table.class).getItemCount() == 0, 2_000);
        assertEquals(0, find("mobilepay.table", Table.class).getItemCount());
    }

    @Test
    void countdownShowsTheSecondsLeftWhileTheBuyerConfirms() throws Exception {
        fillUnmatchedSale();
        scan(alipay("34")); // the sandbox buyer confirms after 4 s
        Label countdown = find("mobilepay.secondsLeft", Label.class);
        spinUntil(() -> status().equals(Messages.get("settle.state.PAYING")), 10_000);
        assertTrue(countdown.getText().matches("剩余 (60|5\\d) 秒"), countdown.getText());
        assertEquals(Messages.get("settle.state.PAYING"), status());
        assertFalse(find("mobilepay.scanSettle", Button.class).getEnabled(), "no second settlement meanwhile");
        spinUntil(() -> status().startsWith("支付成功:"), 20_000);
        assertTrue(status().startsWith("支付成功:"), status());
        assertEquals("", countdown.getText());
    }

    @Test
    void failuresSayWhatHappenedAndKeepTheSale() throws Exception {
        fillUnmatchedSale();
        scan("hello");
        assertEquals(Messages.get("settle.notACode"), status());
        scan(alipay("50"));
        spinUntil(() -> status().startsWith("付款码已过期"), 20_000);
        assertTrue(status().startsWith(Messages.get("failure.CODE_EXPIRED")), status());
        assertFalse(sale().isEmpty(), "a failed payment keeps the sale for the rescan");
        assertTrue(find("mobilepay.scanSettle", Button.class).getEnabled());
    }
}
