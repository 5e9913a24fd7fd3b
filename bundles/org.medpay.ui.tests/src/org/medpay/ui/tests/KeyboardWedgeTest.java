package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.scanner.ScanDiagnosis;
import org.medpay.scanner.ScanEvent;
import org.medpay.scanner.ScanListener;
import org.medpay.scanner.ScannerConfig;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.scanner.KeyClock;
import org.medpay.ui.internal.scanner.KeyboardWedge;

/** The keyboard wedge on a real SWT Text, keys posted through the X server at scanner and human speed. */
class KeyboardWedgeTest {

    private Display display;
    private Shell shell;
    private Text field;
    private Text other;
    private final List<ScanEvent> scans = new ArrayList<>();
    private final List<ScanDiagnosis> diagnoses = new ArrayList<>();
    private final ScanListener listener = new ScanListener() {
        @Override
        public void scanned(ScanEvent event) {
            scans.add(event);
        }

        @Override
        public void diagnosed(ScanDiagnosis diagnosis) {
            diagnoses.add(diagnosis);
        }
    };

    /**
     * Keys posted through a real X server on a loaded 2-core machine can stall for tens of ms; 100 ms (the upper
     * end of the POS range in domain.md) keeps these tests about the widget path, not about scheduling. The
     * exact 50 ms default is covered with a controlled clock in WedgeDetectorTest.
     */
    private static final ScannerConfig X = new ScannerConfig(ScannerConfig.Mode.KEYBOARD_WEDGE, true, "", 9600, 8,
            ScannerConfig.Parity.NONE, ScannerConfig.StopBits.ONE, ScannerConfig.Terminator.CR, 150, "", "", 4, 100);

    @BeforeEach
    void setUp() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout(SWT.VERTICAL));
        field = WidgetIds.name(new Text(shell, SWT.BORDER), "test.field");
        other = new Text(shell, SWT.BORDER);
        shell.setBounds(100, 100, 500, 120);
        shell.open();
        XKeys.spin(display, 200);
    }

    @AfterEach
    void tearDown() {
        shell.dispose();
    }

    @Test
    void scannerSpeedIsAScanAndLeavesTheFieldAsItWas() {
        KeyboardWedge.attach(field, listener, X);
        XKeys.focus(shell, field);
        XKeys.type(display, "281234567890123456\r", 3);
        assertEquals(1, scans.size(), "one scan: " + scans + " field=" + field.getText());
        ScanEvent e = scans.get(0);
        assertEquals("281234567890123456", e.text());
        assertEquals(ScannedCodeKind.ALIPAY_PAYMENT_CODE, e.code().kind());
        assertEquals("test.field", e.origin());
        assertTrue(e.maxGap().toMillis() <= X.maxGapMs(), "scanner-speed gaps: " + e.maxGap());
        assertEquals("", field.getText(), "the burst was taken back out of the field");
        assertTrue(field.isFocusControl(), "the terminator Enter/Tab did not move focus");
        assertEquals(List.of(), diagnoses);
    }

    @Test
    void tabTerminatedScanDoesNotTraverse() {
        KeyboardWedge.attach(field, listener, X);
        XKeys.focus(shell, field);
        XKeys.type(display, "6901234567892\t", 3);
        assertEquals(1, scans.size(), "field=" + field.getText());
        assertEquals(ScannedCodeKind.DRUG_BARCODE_EAN13, scans.get(0).code().kind());
        assertTrue(field.isFocusControl(), "Tab ending a scan is swallowed");
    }

    @Test
    void humanSpeedIsTypingAndStaysInTheField() {
        KeyboardWedge.attach(field, listener, X);
        boolean[] enter = new boolean[1];
        field.addListener(SWT.DefaultSelection, e -> enter[0] = true);
        XKeys.focus(shell, field);
        XKeys.type(display, "690123\r", 250);
        assertEquals(List.of(), scans);
        assertEquals("690123", field.getText());
        assertTrue(enter[0], "the cashier's own Enter reaches the field");
    }

    @Test
    void prefixAndSuffixAreStrippedOnTheRealField() {
        KeyboardWedge.attach(field, listener, X.withAffixes("a", "z"));
        XKeys.focus(shell, field);
        XKeys.type(display, "a6901234567892z\r", 3);
        assertEquals(1, scans.size());
        assertEquals("6901234567892", scans.get(0).text());
    }

    @Test
    void pauseInsideABurstIsASplitScan() {
        KeyboardWedge.attach(field, listener, X);
        XKeys.focus(shell, field);
        XKeys.type(display, "28123456\u00027890123456\r", 3);
        assertEquals(List.of(), scans);
        assertEquals(1, diagnoses.size(), "diagnoses " + diagnoses);
        assertEquals(ScanDiagnosis.Kind.BURST_SPLIT, diagnoses.get(0).kind());
        assertEquals("281234567890123456", field.getText(), "nothing lost: the text stays for the cashier to see");
    }

    @Test
    void focusStolenMidBurstIsSaid() {
        KeyboardWedge.attach(field, listener, X);
        XKeys.focus(shell, field);
        XKeys.type(display, "2812345\u0001678", 3, () -> other.setFocus());
        assertEquals(List.of(), scans);
        assertEquals(ScanDiagnosis.Kind.FOCUS_LOST, diagnoses.get(0).kind(), "diagnoses " + diagnoses);
        assertTrue(diagnoses.get(0).message().contains("test.field"));
    }

    @Test
    void missingEnterIsTruncated() {
        KeyboardWedge.attach(field, listener, X);
        XKeys.focus(shell, field);
        XKeys.type(display, "281234567890123456", 3);
        XKeys.spin(display, 1000);
        assertEquals(List.of(), scans);
        assertEquals(ScanDiagnosis.Kind.BURST_TRUNCATED, diagnoses.get(0).kind());
    }

    @Test
    void noTerminatorModeEndsOnTheIdleGap() {
        KeyboardWedge.attach(field, listener, X.withTerminator(ScannerConfig.Terminator.NONE));
        XKeys.focus(shell, field);
        XKeys.type(display, "134567890123456789", 3);
        assertEquals(1, scans.size(), "diagnoses " + diagnoses);
        assertEquals(ScannedCodeKind.WECHAT_PAYMENT_CODE, scans.get(0).code().kind(), scans.get(0).text());
    }

    /**
     * No input method framework (ibus/fcitx) runs under Xvfb here, so the IME's SWT.ImeComposition events are
     * sent to the real widget by hand, with a controlled key clock.
     */
    @Test
    void imeComposingDuringABurstIsSaid() {
        long[] now = { 10_000 };
        KeyClock clock = new KeyClock() {
            @Override
            public long keyTime(Event e) {
                return now[0];
            }

            @Override
            public long now() {
                return now[0];
            }
        };
        KeyboardWedge.attach(field, listener, ScannerConfig.DEFAULTS, clock, Clock.systemUTC());
        for (char c : "2812".toCharArray()) {
            now[0] += 5;
            Event k = new Event();
            k.character = c;
            field.notifyListeners(SWT.KeyDown, k);
            Event v = new Event();
            v.text = String.valueOf(c);
            field.notifyListeners(SWT.Verify, v);
        }
        now[0] += 3;
        field.notifyListeners(SWT.ImeComposition, new Event());
        assertEquals(ScanDiagnosis.Kind.IME_ACTIVE, diagnoses.get(0).kind());
        assertTrue(diagnoses.get(0).message().contains("输入法"));
    }
}
