package org.medpay.core.startup;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    /**
     * Lets the held-back work go: called by the UI once the mobile-pay view painted for the first time,
     * and by a component being stopped, since no window will paint for a framework that shuts down.
     */
    public static void open() {
        PAINTED.countDown();
    }

    /** True once the window painted (or when the gate is off). */
    public static boolean isOpen() {
        return !Boolean.getBoolean(DEFER_PROPERTY) || PAINTED.getCount() == 0;
    }

    /**
     * Waits, when the gate is on, until the window painted or the maximum wait passed. Call it only from
     * a background thread; interruption ends the wait early and keeps the thread's interrupt flag.
     */
    public static void awaitWindow() {
        if (!Boolean.getBoolean(DEFER_PROPERTY)) {
            return;
        }
        try {
            PAINTED.await(Long.getLong(MAX_WAIT_PROPERTY, 10_000L), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
