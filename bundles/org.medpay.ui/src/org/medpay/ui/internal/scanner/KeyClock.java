package org.medpay.ui.internal.scanner;

import org.eclipse.swt.widgets.Event;

/**
 * Time of keys for the keyboard wedge, in ms on one monotonic base; tests pass a controlled clock.
 *
 * <p>The default is System.nanoTime when SWT hands the key over, not the X/GTK event time: under GTK a
 * key is delivered twice (raw KeyDown and the input method's commit) and the character insertion (Verify)
 * carries no event time, so there is no single event time to trust. The cost: a UI thread frozen while the
 * cashier types makes those keys look closer together; a scan still needs the terminator within
 * maxGap ms of a burst of minChars, which a frozen-then-released typist practically never produces.
 */
public interface KeyClock {

    long keyTime(Event e);

    /** "Now" on the same base, for the idle-gap timer. */
    long now();

    static KeyClock system() {
        return new KeyClock() {
            @Override
            public long keyTime(Event e) {
                return now();
            }

            @Override
            public long now() {
                return System.nanoTime() / 1_000_000;
            }
        };
    }
}
