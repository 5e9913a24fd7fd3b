package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;

/**
 * Types through the X server (Display.post, XTest under Xvfb) at a chosen speed, like a keyboard-wedge
 * scanner or a person. The posting runs on its own thread while the UI thread keeps dispatching, so the key
 * times the widget sees are real.
 */
final class XKeys {

    private XKeys() {
    }

    /** Xvfb has no window manager: X gives keyboard focus to the window under the pointer. */
    static void focus(Shell shell, Control control) {
        Display display = shell.getDisplay();
        Rectangle b = shell.getBounds();
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = b.x + b.width / 2;
        move.y = b.y + b.height / 2;
        post(display, move);
        shell.forceActive();
        control.setFocus();
        spin(display, 300);
        assertTrue(control.isFocusControl(), "the field has keyboard focus");
    }

    static void type(Display display, String keys, long gapMs) {
        type(display, keys, gapMs, null);
    }

    /** Types {@code keys}; {@code afterIndex} (optional) runs on the UI thread after the key at that index. */
    static void type(Display display, String keys, long gapMs, Runnable midway) {
        AtomicBoolean done = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < keys.length(); i++) {
                    char c = keys.charAt(i);
                    if (c == '\u0001') { // marker: let the UI thread act now
                        if (midway != null) {
                            display.syncExec(midway);
                        }
                        continue;
                    }
                    if (c == '\u0002') { // marker: a pause of 300 ms
                        Thread.sleep(300);
                        continue;
                    }
                    post(display, SWT.KeyDown, c);
                    post(display, SWT.KeyUp, c);
                    Thread.sleep(gapMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.set(true);
                display.wake();
            }
        }, "x-keys");
        t.start();
        while (!done.get()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        spin(display, 400); // idle gaps and timers
    }

    private static void post(Display display, int type, char c) {
        Event e = new Event();
        e.type = type;
        e.character = c;
        if (c == '\r' || c == '\t') {
            e.keyCode = c; // SWT.CR / SWT.TAB: GTK maps these key codes to Return / Tab
        }
        assertTrue(post(display, e), "the X server accepted the key");
    }

    /**
     * Display.post on the UI thread, from any thread. On GTK 3 it builds a GdkEvent and queues it with
     * gdk_event_put, and GDK is not thread-safe: posted from a test thread while the UI thread dispatched, it
     * raced the event loop (a rare SIGSEGV inside GTK under load). Queued from the UI thread, the keys still
     * arrive with the gaps the caller sleeps between them.
     */
    static boolean post(Display display, Event e) {
        if (display.getThread() == Thread.currentThread()) {
            return display.post(e);
        }
        boolean[] accepted = new boolean[1];
        display.syncExec(() -> accepted[0] = display.post(e));
        return accepted[0];
    }

    static void spin(Display display, long ms) {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
