package org.medpay.core.startup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate is one latch per framework, so its whole life is one test: off, bounded, stopped, held, opened.
 */
class StartupGateTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(StartupGate.DEFER_PROPERTY);
        System.clearProperty(StartupGate.MAX_WAIT_PROPERTY);
    }

    @Test
    void holdsBackgroundWorkUntilTheWindowPaintedOnlyWhenTheProductAsksForIt() throws InterruptedException {
        // Off (tests, headless tools): nothing waits although no window painted.
        Thread unGated = waiter();
        unGated.join(10_000);
        assertFalse(unGated.isAlive(), "without the product's property nothing waits");
        assertTrue(proceeded.get());
        assertTrue(StartupGate.isOpen());

        System.setProperty(StartupGate.DEFER_PROPERTY, "true");
        assertFalse(StartupGate.isOpen(), "on, and nothing painted yet");

        // A window that never paints delays the work, never stops it.
        System.setProperty(StartupGate.MAX_WAIT_PROPERTY, "100");
        Thread bounded = waiter();
        bounded.join(10_000);
        assertFalse(bounded.isAlive(), "the wait is bounded by " + StartupGate.MAX_WAIT_PROPERTY);
        assertTrue(proceeded.get(), "after the maximum wait the work goes ahead");

        System.setProperty(StartupGate.MAX_WAIT_PROPERTY, "600000");
        // A component stopped while it waits: the wait ends and the work is skipped.
        AtomicBoolean stopping = new AtomicBoolean();
        Thread stopped = waiter(stopping::get);
        stopped.join(200);
        assertTrue(stopped.isAlive(), "held while the window has not painted");
        stopping.set(true);
        stopped.join(10_000);
        assertFalse(stopped.isAlive(), "a stopping component stops waiting");
        assertFalse(proceeded.get(), "and skips the work");

        Thread held = waiter();
        held.join(300);
        assertTrue(held.isAlive(), "held while the window has not painted");
        StartupGate.open();
        held.join(10_000);
        assertFalse(held.isAlive(), "released by the first paint");
        assertTrue(proceeded.get());
        assertTrue(StartupGate.isOpen());
    }

    private final AtomicBoolean proceeded = new AtomicBoolean();

    private Thread waiter() {
        return waiter(() -> false);
    }

    private Thread waiter(BooleanSupplier stopping) {
        proceeded.set(false);
        Thread t = new Thread(() -> proceeded.set(StartupGate.awaitWindow(stopping)), "gate-waiter");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
