package org.medpay.scanner.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.scanner.ScanDiagnosis;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.WedgeDetector;
import org.medpay.scanner.WedgeDetector.Action;
import org.medpay.scanner.WedgeDetector.Result;

/** Keyboard-wedge timing rules with a controlled clock (N-4 signs included). */
class WedgeDetectorTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);
    private long t = 1_000;

    private WedgeDetector detector(ScannerConfig c) {
        return new WedgeDetector(c, "mobilepay.evoucher", clock);
    }

    /** Types {@code s} with {@code gap} ms between keys; returns the last result. */
    private Result type(WedgeDetector d, String s, long gap) {
        Result r = null;
        for (char c : s.toCharArray()) {
            t += gap;
            r = d.key(c, t);
            if (r.action() != Action.NONE && c != s.charAt(s.length() - 1)) {
                return r;
            }
        }
        return r;
    }

    @Test
    void scannerSpeedWithEnterIsAScan() {
        WedgeDetector d = detector(ScannerConfig.DEFAULTS);
        Result r = type(d, "281234567890123456\r", 8);
        assertEquals(Action.SCAN, r.action());
        assertEquals("281234567890123456", r.event().text());
        assertEquals(18, r.removeChars());
        assertEquals(ScannedCodeKind.ALIPAY_PAYMENT_CODE, r.event().code().kind());
        assertEquals(8, r.event().maxGap().toMillis());
        assertEquals(18 * 8, r.event().duration().toMillis());
    }

    @Test
    void tabAndLfTerminateToo() {
        WedgeDetector d = detector(ScannerConfig.DEFAULTS);
        assertEquals(Action.SCAN, type(d, "6901234567892\t", 5).action());
        assertEquals(Action.SCAN, type(d, "6901234567892\n", 5).action());
        // CRLF: the LF right after a scan is swallowed, not passed on as a second Enter
        assertEquals(Action.SCAN, type(d, "6901234567892\r", 5).action());
        assertEquals(Action.CONSUME, type(d, "\n", 5).action());
    }

    @Test
    void humanSpeedIsTyping() {
        WedgeDetector d = detector(ScannerConfig.DEFAULTS);
        Result r = type(d, "6901234567892\r", 120);
        assertEquals(Action.NONE, r.action(), "Enter after slow typing is the cashier's own Enter");
        assertEquals(Action.NONE, type(d, "ab\r", 5).action(), "shorter than minChars");
    }

    @Test
    void prefixAndSuffixAreStripped() {
        WedgeDetector d = detector(ScannerConfig.DEFAULTS.withAffixes("]E0", "#"));
        Result r = type(d, "]E06901234567892#\r", 5);
        assertEquals("6901234567892", r.event().text());
        assertEquals(ScannedCodeKind.DRUG_BARCODE_EAN13, r.event().code().kind());
    }

    @Test
    void idleGapEndsAScanWithoutTerminator() {
        WedgeDetector d = detector(ScannerConfig.DEFAULTS.withTerminator(ScannerConfig.Terminator.NONE));
        type(d, "6901234567892", 5);
        assertEquals(Action.NONE, d.idle(t + 100).action(), "not idle long enough yet");
        Result r = d.idle(t + 150);
        assertEquals(Action.SCAN, r.action());
        assertEquals("6901234567892", r.event().text());
    }

    @Test
    void missingTerminatorIsTruncated() {
        WedgeDetector d = detector(ScannerConfig.DEFAULTS);
        type(d, "281234567890", 5);
        assertEquals(Action.NONE, d.idle(t + 200).action(), "the rest of a split burst may still come");
        Result r = d.idle(t + 1000);
        assertEquals(Action.DIAGNOSIS, r.action());
        assertEquals(ScanDiagnosis.Kind.BURST_TRUNCATED, r.diagnosis().kind());
        assertNull(r.event());
    }

    @Test
    void pauseInTheMiddleIsASplitBurst() {
        WedgeDetector d = detector(ScannerConfig.DEFAULTS);
        type(d, "28123456", 5);
        t += 400; // something held the keys
        Result r = type(d, "7890123456\r", 5);
        assertEquals(Action.DIAGNOSIS, r.action());
        assertEquals(ScanDiagnosis.Kind.BURST_SPLIT, r.diagnosis().kind());
        assertEquals(Action.SCAN, type(d, "281234567890123456\r", 5).action(), "the next clean scan passes");
    }

    @Test
    void typedThenScannedIsAScanOfTheScannedPart() {
        WedgeDetector d = detector(ScannerConfig.DEFAULTS);
        type(d, "ab", 200);
        t += 500;
        Result r = type(d, "6901234567892\r", 5);
        assertEquals(Action.SCAN, r.action());
        assertEquals("6901234567892", r.event().text());
    }

    @Test
    void focusLostMidBurst() {
        WedgeDetector d = detector(ScannerConfig.DEFAULTS);
        type(d, "2812345", 5);
        Result r = d.focusLost(t + 3);
        assertEquals(ScanDiagnosis.Kind.FOCUS_LOST, r.diagnosis().kind());
        type(d, "ab", 300);
        assertEquals(Action.NONE, d.focusLost(t + 400).action(), "leaving after typing is normal");
    }

    @Test
    void imeComposingAtScannerSpeedOnly() {
        WedgeDetector d = detector(ScannerConfig.DEFAULTS);
        type(d, "ab", 300);
        assertEquals(Action.NONE, d.imeComposing(t + 300).action(), "typing Chinese names is normal work");
        d.reset();
        type(d, "2812", 5);
        Result r = d.imeComposing(t + 2);
        assertEquals(ScanDiagnosis.Kind.IME_ACTIVE, r.diagnosis().kind());
        assertEquals(Action.NONE, d.imeComposing(t + 4).action(), "said once per burst");
        assertEquals(true, r.diagnosis().message(java.util.Locale.SIMPLIFIED_CHINESE).contains("输入法"));
    }
}
