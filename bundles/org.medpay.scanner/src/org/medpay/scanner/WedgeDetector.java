package org.medpay.scanner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tells a keyboard-wedge scan from typing by inter-key timing, without SWT: the field adapter feeds it
 * keys with their times (ms, any monotonic base) and acts on the {@link Result}. Rules (domain.md: a
 * scanner sends keys &lt; 10–20 ms apart, people type &gt; 30 ms apart):
 * <ul>
 * <li>a <em>segment</em> is a run of keys each at most {@code maxGapMs} after the previous one;</li>
 * <li>CR, LF or Tab within {@code maxGapMs} after a segment of at least {@code minChars} is a scan (the
 * terminator is consumed so Tab does not move focus and Enter does not start a lookup);</li>
 * <li>with terminator NONE, such a segment followed by {@code idleGapMs} of silence is a scan;</li>
 * <li>N-4 signs: a fast segment of 3+ keys, a pause of up to {@value #SPLIT_WINDOW_MS} ms, then a fast
 * segment ending in a terminator is a split burst; a fast segment that never gets its expected terminator is
 * truncated; focus leaving during a fast segment, or an input method composing during one, is said as such.</li>
 * </ul>
 * Not thread-safe: one detector per field, used on the UI thread.
 */
public final class WedgeDetector {

    /** A pause longer than any scanner makes but short enough to still be "the same scan". */
    public static final long SPLIT_WINDOW_MS = 1000;
    private static final int MAX_KEYS = ScannedCodes.MAX_LENGTH * 2;

    public enum Action {
        /** Let the key through: typing. */
        NONE,
        /** A scan: consume the key, remove {@link Result#removeChars()} typed characters, deliver the event. */
        SCAN,
        /** An N-4 sign: consume the key (if a terminator), keep the typed text, show the diagnosis. */
        DIAGNOSIS,
        /** Swallow the key (the LF of a CRLF after a scan) and do nothing else. */
        CONSUME
    }

    public record Result(Action action, ScanEvent event, ScanDiagnosis diagnosis, int removeChars) {
        static final Result NONE = new Result(Action.NONE, null, null, 0);
        static final Result CONSUME = new Result(Action.CONSUME, null, null, 0);
    }

    private final ScannerConfig config;
    private final String origin;
    private final Clock clock;
    private final StringBuilder chars = new StringBuilder();
    private long[] times = new long[64];
    private int segStart;
    private int prevSegLen;
    private long prevGap;
    private long lastScanEnd = Long.MIN_VALUE;
    private boolean imeReported;
    private long lastIme = Long.MIN_VALUE;
    private int imeRun;

    public WedgeDetector(ScannerConfig config, String origin, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.origin = origin == null ? "" : origin;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ScannerConfig config() {
        return config;
    }

    /** Keys in the current fast segment. */
    public int segmentLength() {
        return chars.length() - segStart;
    }

    public static boolean isTerminator(char c) {
        return c == '\r' || c == '\n' || c == '\t';
    }

    /** Would a terminator at {@code millis} be consumed? (Lets the adapter veto Tab traversal before the key.) */
    public boolean terminatorWouldBeConsumed(long millis) {
        if (chars.length() == 0) {
            return millis - lastScanEnd <= config.maxGapMs();
        }
        return segmentLength() >= config.minChars() && millis - lastTime() <= config.maxGapMs();
    }

    public Result key(char c, long millis) {
        if (isTerminator(c)) {
            return terminator(millis);
        }
        if (c < 0x20 || c == 0x7F) {
            return Result.NONE;
        }
        int n = chars.length();
        if (n > 0) {
            long gap = millis - lastTime();
            if (gap > SPLIT_WINDOW_MS || n >= MAX_KEYS) {
                reset();
                n = 0;
            } else if (gap > config.maxGapMs()) {
                prevSegLen = n - segStart;
                prevGap = gap;
                segStart = n;
            }
        }
        if (n == times.length) {
            times = java.util.Arrays.copyOf(times, n * 2);
        }
        times[n] = millis;
        chars.append(c);
        return Result.NONE;
    }

    private Result terminator(long millis) {
        if (chars.length() == 0) {
            // CRLF from a scanner set to CRLF while we split on the first of them.
            return millis - lastScanEnd <= config.maxGapMs() ? Result.CONSUME : Result.NONE;
        }
        int segLen = segmentLength();
        long gap = millis - lastTime();
        Result r = Result.NONE;
        if (segLen >= config.minChars() && gap <= config.maxGapMs()) {
            if (prevSegLen >= 3 && prevGap <= SPLIT_WINDOW_MS) {
                r = diagnosis(ScanDiagnosis.Kind.BURST_SPLIT, millis, prevGap + " ms");
            } else {
                r = scan(millis, segLen);
                lastScanEnd = millis;
            }
        }
        reset();
        return r;
    }

    /** Call when {@code idleGapMs} passed without a key (the adapter's timer). */
    public Result idle(long millis) {
        int segLen = segmentLength();
        if (chars.length() == 0 || millis - lastTime() < idleTimeoutMs() || segLen < config.minChars()) {
            return Result.NONE;
        }
        Result r;
        if (config.terminator() == ScannerConfig.Terminator.NONE) {
            r = scan(lastTime(), segLen);
        } else {
            r = diagnosis(ScanDiagnosis.Kind.BURST_TRUNCATED, millis, config.terminator().name());
        }
        reset();
        return r;
    }

    /**
     * When {@link #idle(long)} can decide: with terminator NONE after the idle gap; with a terminator only after
     * the split window, because the rest of a split burst may still come (and is then reported as split).
     */
    public long idleTimeoutMs() {
        return config.terminator() == ScannerConfig.Terminator.NONE ? config.idleGapMs()
                : Math.max(config.idleGapMs(), SPLIT_WINDOW_MS);
    }

    public Result focusLost(long millis) {
        Result r = Result.NONE;
        if (segmentLength() >= 2 && millis - lastTime() <= config.idleGapMs()) {
            r = diagnosis(ScanDiagnosis.Kind.FOCUS_LOST, millis, segmentLength() + " keys");
        }
        reset();
        return r;
    }

    /**
     * An input method composed (SWT.ImeComposition, or non-ASCII text arrived). Typing Chinese names into the
     * entry field with an IME is normal work, so only composing at scanner speed is a sign of N-4.
     */
    public Result imeComposing(long millis) {
        boolean fastKeys = chars.length() > 0 && millis - lastTime() <= config.maxGapMs() && segmentLength() >= 2;
        imeRun = millis - lastIme <= config.maxGapMs() ? imeRun + 1 : 1;
        lastIme = millis;
        if (!imeReported && (fastKeys || imeRun >= 3)) {
            imeReported = true;
            return diagnosis(ScanDiagnosis.Kind.IME_ACTIVE, millis, "");
        }
        return Result.NONE;
    }

    public void reset() {
        chars.setLength(0);
        segStart = 0;
        prevSegLen = 0;
        prevGap = 0;
        imeReported = false;
    }

    private long lastTime() {
        return times[chars.length() - 1];
    }

    private Result scan(long endMillis, int segLen) {
        int from = chars.length() - segLen;
        long first = times[from];
        long maxGap = 0;
        for (int i = from + 1; i < chars.length(); i++) {
            maxGap = Math.max(maxGap, times[i] - times[i - 1]);
        }
        long duration = Math.max(0, endMillis - first);
        String text = config.strip(chars.substring(from));
        Instant at = clock.instant().minusMillis(Math.max(0, endMillis - first));
        ScanEvent e = ScanEvent.of(text, ScanSource.KEYBOARD_WEDGE, origin, at, Duration.ofMillis(duration),
                Duration.ofMillis(maxGap));
        return new Result(Action.SCAN, e, null, segLen);
    }

    private Result diagnosis(ScanDiagnosis.Kind kind, long millis, String detail) {
        return new Result(Action.DIAGNOSIS, null, new ScanDiagnosis(kind, origin, clock.instant(), detail), 0);
    }
}
