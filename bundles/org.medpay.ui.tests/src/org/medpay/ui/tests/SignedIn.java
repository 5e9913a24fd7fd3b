package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.medpay.operator.OperatorService;
import org.medpay.ui.internal.WidgetIds;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The mobile-pay view stays locked until a cashier signs in (issue 7); tests of what happens after
 * sign-in sign the demo cashier in, then wait until the view has unlocked itself.
 */
final class SignedIn {

    private SignedIn() {
    }

    static void asDemoCashier() throws Exception {
        var bc = FrameworkUtil.getBundle(SignedIn.class).getBundleContext();
        ServiceTracker<OperatorService, OperatorService> t = new ServiceTracker<>(bc, OperatorService.class, null);
        t.open();
        OperatorService operators = t.waitForService(30_000);
        assertNotNull(operators, "OperatorService from DS");
        if (operators.current().isEmpty()) {
            operators.signIn("1001", "123456".toCharArray());
        }
    }

    /** Spins the event loop until the view's tabs are enabled (the frame learns of the session in the background). */
    static void awaitUnlocked(Display display, Shell shell, org.medpay.ui.internal.mobilepay.MobilePayPart part) {
        part.frame().connectNow();
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            Control tabs = (Control) WidgetIds.find(shell, "mobilepay.tabs");
            if (tabs != null && tabs.isEnabled()) {
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the mobile-pay view did not unlock after sign-in (tabs "
                        + (tabs == null ? "missing" : "enabled=" + tabs.getEnabled() + ", parent enabled="
                                + tabs.getParent().isEnabled()) + ")");
            }
            if (!display.readAndDispatch()) {
                // sleep() only wakes on an event: make sure one comes, so the deadline is checked.
                display.timerExec(50, () -> { });
                display.sleep();
            }
        }
        while (display.readAndDispatch()) {
            // drain
        }
    }
}
