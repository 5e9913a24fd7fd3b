package org.medpay.scanner;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.medpay.core.scan.ScannedCode;

/**
 * One scan: the text (prefix, suffix and terminator already stripped), where it came from, when its first
 * character arrived, how long the burst took, the longest gap inside it, and its classification.
 * {@link #toString()} masks the text: the event travels through logs.
 *
 * @param origin the port ({@code /dev/ttyACM0}, {@code COM3}) or the field's name
 */
public record ScanEvent(String text, ScanSource source, String origin, Instant receivedAt, Duration duration,
        Duration maxGap, ScannedCode code) {

    public ScanEvent {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(maxGap, "maxGap");
        Objects.requireNonNull(code, "code");
        origin = origin == null ? "" : origin;
    }

    /** Classifies {@code text} with {@link ScannedCodes#classify(String)}. */
    public static ScanEvent of(String text, ScanSource source, String origin, Instant receivedAt, Duration duration,
            Duration maxGap) {
        return new ScanEvent(text, source, origin, receivedAt, duration, maxGap, ScannedCodes.classify(text));
    }

    public int chars() {
        return text.length();
    }

    /** What may be shown or logged: drug codes in clear, everything else masked. */
    public String displayText() {
        return ScannedCodes.displayText(code);
    }

    @Override
    public String toString() {
        return "ScanEvent[" + source + " " + origin + " " + code + ", " + chars() + " chars in "
                + duration.toMillis() + " ms, max gap " + maxGap.toMillis() + " ms]";
    }
}
