package org.medpay.ui.internal.scanner;

import java.time.Clock;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Text;
import org.medpay.scanner.ScanListener;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.WedgeDetector;
import org.medpay.scanner.WedgeDetector.Result;
import org.medpay.ui.internal.WidgetIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an SWT {@link Text} understand a keyboard-wedge scanner: keys keep going into the field (typing
 * works as before); when the {@link WedgeDetector} says the last burst was a scan, the burst is taken out of
 * the field again, the terminator is swallowed (no Tab traversal, no Enter lookup) and the listener gets
 * the scan. N-4 signs (IME composing, focus lost mid-burst, split or truncated burst) go to
 * {@link ScanListener#diagnosed}. Everything runs on the UI thread.
 */
public final class KeyboardWedge {

    private static final Logger LOG = LoggerFactory.getLogger(KeyboardWedge.class);
    private static final String KEY = KeyboardWedge.class.getName();

    private final Text text;
    private final ScanListener listener;
    private final KeyClock keys;
    private final WedgeDetector detector;
    private final Listener handler = this::handle;
    private final Runnable idleCheck = this::idle;
    private String snapshot = "";
    private Point snapshotSelection = new Point(0, 0);
    private boolean restoring;
    /** A printable KeyDown was seen and its character not yet inserted: the next Verify is typed, not set by code. */
    private boolean keyPending;

    private KeyboardWedge(Text text, ScanListener listener, ScannerConfig config, KeyClock keys, Clock clock) {
        this.text = text;
        this.listener = listener;
        this.keys = keys;
        Object id = text.getData(WidgetIds.KEY);
        this.detector = new WedgeDetector(config, id == null ? "" : id.toString(), clock);
    }

    public static KeyboardWedge attach(Text text, ScanListener listener, ScannerConfig config) {
        return attach(text, listener, config, KeyClock.system(), Clock.systemUTC());
    }

    public static KeyboardWedge attach(Text text, ScanListener listener, ScannerConfig config, KeyClock keys,
            Clock clock) {
        detach(text);
        KeyboardWedge w = new KeyboardWedge(text, listener, config, keys, clock);
        for (int type : new int[] { SWT.KeyDown, SWT.Traverse, SWT.FocusOut, SWT.ImeComposition, SWT.Verify }) {
            text.addListener(type, w.handler);
        }
        text.setData(KEY, w);
        text.addListener(SWT.Dispose, e -> w.detachNow());
        return w;
    }

    /** The wedge attached to {@code text}, or null. */
    public static KeyboardWedge of(Text text) {
        return text.getData(KEY) instanceof KeyboardWedge w ? w : null;
    }

    /**
     * True when this key is the Enter/Tab that ends a scan the wedge is about to take (or the duplicate of one
     * it just took): the wedge routes the scan itself, with the target field's DefaultSelection, so the field's
     * own key handlers must leave this key alone or the scan is acted on twice (a drug added twice).
     */
    public boolean takesTerminator(Event e) {
        char c = e.keyCode == SWT.KEYPAD_CR ? '\r' : e.character;
        return WedgeDetector.isTerminator(c) && (e.stateMask & (SWT.CTRL | SWT.ALT)) == 0
                && detector.terminatorWouldBeConsumed(keys.keyTime(e));
    }

    public static void detach(Text text) {
        KeyboardWedge old = of(text);
        if (old != null) {
            old.detachNow();
        }
    }

    public ScannerConfig config() {
        return detector.config();
    }

    private void detachNow() {
        if (!text.isDisposed()) {
            for (int type : new int[] { SWT.KeyDown, SWT.Traverse, SWT.FocusOut, SWT.ImeComposition, SWT.Verify }) {
                text.removeListener(type, handler);
            }
            if (text.getData(KEY) == this) {
                text.setData(KEY, null);
            }
            text.getDisplay().timerExec(-1, idleCheck);
        }
    }

    private void handle(Event e) {
        switch (e.type) {
        case SWT.Traverse -> {
            // Traverse comes before KeyDown: veto Tab/Enter traversal when they will end a scan.
            if ((e.detail == SWT.TRAVERSE_TAB_NEXT || e.detail == SWT.TRAVERSE_RETURN)
                    && detector.terminatorWouldBeConsumed(keys.keyTime(e))) {
                e.doit = false;
            }
        }
        case SWT.KeyDown -> key(e);
        case SWT.FocusOut -> act(detector.focusLost(keys.now()), null);
        case SWT.ImeComposition -> act(detector.imeComposing(keys.now()), null);
        case SWT.Verify -> verify(e);
        default -> {
        }
        }
    }

    /**
     * Terminators come from KeyDown (they insert nothing); characters are counted when they are inserted
     * (Verify), once each: GTK delivers a key's KeyDown twice (raw and input-method commit), and text set by
     * code (the routing, restoring a field) has no KeyDown in front of it and is not typing.
     */
    private void key(Event e) {
        char c = e.character;
        if (e.keyCode == SWT.KEYPAD_CR) {
            c = '\r';
        }
        if (c == 0 || (e.stateMask & (SWT.CTRL | SWT.ALT)) != 0) {
            return;
        }
        if (WedgeDetector.isTerminator(c)) {
            keyPending = false;
            act(detector.key(c, keys.keyTime(e)), e);
        } else if (c >= 0x20 && c != 0x7F) {
            keyPending = true;
        }
    }

    private void verify(Event e) {
        if (restoring || e.text == null || e.text.isEmpty()) {
            return;
        }
        if (e.text.chars().anyMatch(c -> c > 0x7E)) {
            // Only an input method turns scanner keys into CJK text.
            keyPending = false;
            act(detector.imeComposing(keys.now()), null);
            return;
        }
        if (!keyPending) {
            return;
        }
        keyPending = false;
        long t = keys.keyTime(e);
        String before = text.getText();
        Point sel = text.getSelection();
        for (int i = 0; i < e.text.length(); i++) {
            detector.key(e.text.charAt(i), t);
            if (detector.segmentLength() == 1) {
                snapshot = before;
                snapshotSelection = sel;
            }
        }
        text.getDisplay().timerExec((int) detector.idleTimeoutMs() + 5, idleCheck);
    }

    private void idle() {
        if (!text.isDisposed()) {
            act(detector.idle(keys.now()), null);
        }
    }

    private void act(Result r, Event key) {
        switch (r.action()) {
        case NONE -> {
            return;
        }
        case CONSUME -> {
            if (key != null) {
                key.doit = false;
            }
        }
        case SCAN -> {
            if (key != null) {
                key.doit = false;
            }
            // The burst went into the field key by key; take it out again (the listener decides where the scan goes).
            restoring = true;
            try {
                text.setText(snapshot);
                text.setSelection(snapshotSelection);
            } finally {
                restoring = false;
            }
            LOG.info("Wedge scan {}", r.event());
            listener.scanned(r.event());
        }
        case DIAGNOSIS -> {
            if (key != null) {
                key.doit = false;
            }
            LOG.warn("Wedge scan problem {}", r.diagnosis());
            listener.diagnosed(r.diagnosis());
        }
        }
    }
}
