package org.medpay.ui.register.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Widget;
import org.medpay.ui.internal.WidgetIds;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Real services, real widgets: waiting, finding and clicking without SWTBot. */
final class UiHarness {

    private UiHarness() {
    }

    static <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(FrameworkUtil.getBundle(UiHarness.class).getBundleContext(), type, null);
        t.open();
        T s = t.waitForService(20_000);
        assertNotNull(s, type.getName());
        return s;
    }

    static void spin(Display display) {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    /** Runs the event loop until the condition holds; background work reports back through it. */
    static void spinUntil(Display display, BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <W> W find(Control root, String id, Class<W> type) {
        Widget w = WidgetIds.find(root, id);
        assertNotNull(w, "widget " + id);
        assertTrue(type.isInstance(w), id + " is a " + w.getClass());
        return (W) w;
    }

    static void click(Widget w) {
        w.notifyListeners(SWT.Selection, new Event());
    }
}
