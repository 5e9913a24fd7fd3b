package org.medpay.core.startup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gate is one latch per framework, so its whole life is one test: off, held, bounded, opened.
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
        assertTrue(StartupGate.isOpen());

        System.setProperty(StartupGate.DEFER_PROPERTY, "true");
        assertFalse(StartupGate.isOpen(), "on, and nothing painted yet");

        // A window that never paints delays the work, never stops it.
        System.setProperty(StartupGate.MAX_WAIT_PROPERTY, "100");
        Thread bounded = waiter();
        bounded.join(10_000);
        assertFalse(bounded.isAlive(), "the wait is bounded by " + StartupGate.MAX_WAIT_PROPERTY);

        System.setProperty(StartupGate.MAX_WAIT_PROPERTY, "600000");
        Thread held = waiter();
        held.join(300);
        assertTrue(held.isAlive(), "held while the window has not painted");
        StartupGate.open();
        held.join(10_000);
        assertFalse(held.isAlive(), "released by the first paint");
        assertTrue(StartupGate.isOpen());
    }

    private static Thread waiter() {
        Thread t = new Thread(StartupGate::awaitWindow, "gate-waiter");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
