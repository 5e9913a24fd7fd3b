package org.medpay.ui.register.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.medpay.core.sale.Sale;
import org.medpay.ui.internal.mobilepay.SettlementController;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.payment.PaymentService;
import org.medpay.payment.RegionInfo;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.status.StatusBar;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Issue 8, hot swap, in the real status bar under Xvfb: the region bundle is stopped while the till runs and
 * the label says the region's gateway is unavailable; started again, the label shows the region again. No
 * one clicks anything: the payment service reports the change and the label follows on the UI thread.
 * <p>
 * It lives in this runtime, not beside the workbench tests of org.medpay.ui.tests: it stops and starts a
 * bundle, and a runtime whose bundles changed under it made a later workbench test there fail.
 */
class StatusBarRegionTest {

    private static final long WAIT_MS = 30_000;

    private Display display;
    private Shell shell;
    private IEclipseContext ctx;
    private BundleContext bc;

    @BeforeEach
    void setUp() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(1000, 200);
        bc = FrameworkUtil.getBundle(StatusBarRegionTest.class).getBundleContext();
    }

    @AfterEach
    void tearDown() throws Exception {
        Bundle sandbox = sandbox();
        if (sandbox.getState() != Bundle.ACTIVE && sandbox.getState() != Bundle.STARTING) {
            sandbox.start(); // the rest of the suite needs the sandbox region
        }
        if (ctx != null) {
            ctx.dispose();
        }
        shell.dispose();
    }

    @Test
    void theRegionLabelSaysWhenTheRegionsGatewayGoesAndWhenItComesBack() throws Exception {
        PaymentService payments = await(PaymentService.class);
        waitFor("the sandbox gateway is bound", () -> payments.activeRegion().isPresent());
        RegionInfo region = payments.activeRegion().orElseThrow();
        assertEquals("999999", region.code());
        String served = Messages.format("status.region",
                region.displayName() + " " + region.code() + " " + Messages.get("settle.trainingShort"));
        String unavailable = Messages.format("status.region.unavailable", "999999");
        assertTrue(unavailable.contains("999999") && !unavailable.equals(served));

        ctx = EclipseContextFactory.getServiceContext(bc).createChild();
        ctx.set(Composite.class, shell);
        ContextInjectionFactory.make(StatusBar.class, ctx);
        shell.layout(true, true);
        shell.open();
        Label label = (Label) WidgetIds.find(shell, "status.region");
        assertNotNull(label, "the status bar's region label");
        spinUntil("the label shows the served region", () -> served.equals(label.getText()), label);

        // The mobile-pay view's 培训模式 banner follows too, with no scan in between.
        Composite page = new Composite(shell, SWT.NONE);
        page.setLayout(new GridLayout());
        Text code = new Text(page, SWT.BORDER);
        Button settle = new Button(page, SWT.PUSH);
        SettlementController settlement = new SettlementController(page, code, settle, new Sale(), () -> payments,
                () -> null);
        settlement.watchRegion(payments);
        Label banner = (Label) WidgetIds.find(shell, "mobilepay.training");
        spinUntil("the training banner shows in the sandbox region", banner::getVisible, label);

        Bundle sandbox = sandbox();
        sandbox.stop();
        spinUntil("the label says the gateway is unavailable", () -> unavailable.equals(label.getText()), label);
        spinUntil("the training banner goes with the sandbox gateway", () -> !banner.getVisible(), label);

        sandbox.start();
        spinUntil("the label shows the region again", () -> served.equals(label.getText()), label);
        spinUntil("the training banner is back", banner::getVisible, label);
        settlement.watchRegion(null);
    }

    private Bundle sandbox() {
        for (Bundle b : bc.getBundles()) {
            if ("org.medpay.gateway.sandbox".equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return b;
            }
        }
        throw new AssertionError("the sandbox region bundle is not installed");
    }

    /** Runs the event loop until the condition holds (the label changes on the UI thread, asynchronously). */
    private void spinUntil(String what, BooleanSupplier condition, Label label) {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + WAIT_MS / 1000 + " s: " + what + " (label: " + label.getText() + ")");
            }
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> { });
                display.sleep();
            }
        }
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + WAIT_MS / 1000 + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(bc, type, null);
        t.open();
        T s = t.waitForService(WAIT_MS);
        assertNotNull(s, type.getName() + " from DS");
        return s;
    }
}
