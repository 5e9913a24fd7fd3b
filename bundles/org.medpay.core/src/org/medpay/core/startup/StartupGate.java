package org.medpay.core.startup;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Holds back start-up work the first window does not need (opening Derby, loading the catalogue index,
 * resuming refunds, starting the sandbox simulator) until the cashier's window has painted. On a 2-core
 * till those background threads otherwise take half the CPU from the UI thread while the workbench
 * renders, and the window comes up seconds later.
 * <p>
 * Only the product turns the gate on (framework property {@value #DEFER_PROPERTY}{@code =true} in its
 * config.ini): headless runs and tests, which paint nothing, never wait. The wait is bounded by
 * {@value #MAX_WAIT_PROPERTY} (default 10 s), so a window that never paints (a headless p2 update, a
 * failed start) delays the work but never stops it.
 */
public final class StartupGate {

    public static final String DEFER_PROPERTY = "medpay.startup.deferBackgroundWork";
    public static final String MAX_WAIT_PROPERTY = "medpay.startup.maxDeferMillis";

    private static final CountDownLatch PAINTED = new CountDownLatch(1);

    private StartupGate() {
    }

    /** Lets the held-back work go: called by the UI once the mobile-pay view painted for the first time. */
    public static void open() {
        PAINTED.countDown();
    }

    /** True once the window painted (or when the gate is off). */
    public static boolean isOpen() {
        return !Boolean.getBoolean(DEFER_PROPERTY) || PAINTED.getCount() == 0;
    }

    /**
     * Waits, when the gate is on, until the window painted, the maximum wait passed, or the caller's
     * component is being stopped (a framework that shuts down paints no window: a headless p2 update, a
     * start cut short). Call it only from a background thread.
     *
     * @param stopping polled while waiting; true ends the wait
     * @return false when the wait ended because the component is stopping: skip the work
     */
    public static boolean awaitWindow(BooleanSupplier stopping) {
        if (Boolean.getBoolean(DEFER_PROPERTY)) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.getLong(MAX_WAIT_PROPERTY, 10_000L));
            try {
                // Short slices: a component stopped meanwhile is noticed without interrupting its thread
                // (an interrupt could land in Derby's I/O once the work has begun).
                while (!stopping.getAsBoolean() && System.nanoTime() < deadline
                        && !PAINTED.await(50, TimeUnit.MILLISECONDS)) {
                    // keep waiting
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping.getAsBoolean();
    }
}
