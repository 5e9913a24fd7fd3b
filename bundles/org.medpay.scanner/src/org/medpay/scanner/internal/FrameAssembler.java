package org.medpay.scanner.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.medpay.scanner.ScanDiagnosis;
import org.medpay.scanner.ScanEvent;
import org.medpay.scanner.ScanSource;
import org.medpay.scanner.ScannedCodes;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.ScannerConfig.Terminator;
import org.medpay.scanner.WedgeDetector;

/**
 * Turns the byte stream of a serial scanner into scans: a burst split across reads is joined, frames end at
 * the configured terminator (or, with NONE, after the idle gap). Serial scanners send ASCII; bytes are
 * decoded as ISO-8859-1 so that every byte survives to the classifier, which rejects what is not a code.
 */
public final class FrameAssembler {

    private final ScannerConfig config;
    private final String origin;
    private final Clock clock;
    private final StringBuilder buf = new StringBuilder();
    private long firstMillis;
    private long lastMillis;
    private long maxGap;

    public FrameAssembler(ScannerConfig config, String origin, Clock clock) {
        this.config = config;
        this.origin = origin;
        this.clock = clock;
    }

    /** Returns the scans ({@link ScanEvent}) and N-4 signs ({@link ScanDiagnosis}) completed by these bytes. */
    public List<Object> feed(byte[] bytes, int n, long millis) {
        List<Object> out = new ArrayList<>(1);
        out.addAll(tick(millis));
        String term = config.terminator().chars();
        for (int i = 0; i < n; i++) {
            if (buf.isEmpty()) {
                firstMillis = millis;
                maxGap = 0;
            } else {
                maxGap = Math.max(maxGap, millis - lastMillis);
            }
            lastMillis = millis;
            buf.append((char) (bytes[i] & 0xFF));
            if (!term.isEmpty() && endsWith(term)) {
                buf.setLength(buf.length() - term.length());
                emit(out);
            } else if (buf.length() > ScannedCodes.MAX_LENGTH * 2) {
                out.add(new ScanDiagnosis(ScanDiagnosis.Kind.BURST_TRUNCATED, origin, clock.instant(),
                        buf.length() + " bytes, " + config.terminator()));
                buf.setLength(0);
            }
        }
        return out;
    }

    /** Call when no bytes arrived for a while: ends a NONE-terminated frame, reports a frame stuck without terminator. */
    public List<Object> tick(long millis) {
        if (buf.isEmpty()) {
            return List.of();
        }
        long silent = millis - lastMillis;
        List<Object> out = new ArrayList<>(1);
        if (config.terminator() == Terminator.NONE) {
            if (silent >= config.idleGapMs()) {
                emit(out);
            }
        } else if (silent >= Math.max(config.idleGapMs(), WedgeDetector.SPLIT_WINDOW_MS)) {
            out.add(new ScanDiagnosis(ScanDiagnosis.Kind.BURST_TRUNCATED, origin, clock.instant(),
                    buf.length() + " bytes, " + config.terminator()));
            buf.setLength(0);
        }
        return out;
    }

    private boolean endsWith(String term) {
        int b = buf.length();
        int t = term.length();
        if (b < t) {
            return false;
        }
        for (int i = 0; i < t; i++) {
            if (buf.charAt(b - t + i) != term.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void emit(List<Object> out) {
        String frame = buf.toString();
        buf.setLength(0);
        if (config.terminator() == Terminator.CR || config.terminator() == Terminator.LF) {
            // A scanner sending CRLF to a till set to CR (or LF) leaves the other half at a frame edge.
            frame = trimLineEnds(frame);
        }
        if (frame.isEmpty()) {
            return;
        }
        String text = config.strip(frame);
        long duration = Math.max(0, lastMillis - firstMillis);
        out.add(ScanEvent.of(text, ScanSource.SERIAL, origin, clock.instant().minusMillis(duration),
                Duration.ofMillis(duration), Duration.ofMillis(maxGap)));
    }

    private static String trimLineEnds(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == '\r' || s.charAt(from) == '\n')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == '\r' || s.charAt(to - 1) == '\n')) {
            to--;
        }
        return s.substring(from, to);
    }
}
