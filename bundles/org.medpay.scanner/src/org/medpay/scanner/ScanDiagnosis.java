package org.medpay.scanner;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A visible sign that a scan was intercepted or mangled (rule N-4 of the cashier procedure: "if other
 * software intercepts what the barcode scanner reads, quit that software and run the scan-to-pay flow
 * again"). {@link #message(Locale)} says in plain words what happened and what to do.
 *
 * @param origin the port or field concerned
 * @param detail extra words for IT (never a payment code; masked if taken from the scan)
 */
public record ScanDiagnosis(Kind kind, String origin, Instant at, String detail) {

    public enum Kind {
        /** A serial port exists but cannot be opened: another program holds it. */
        PORT_BUSY,
        /** The port opened, but another program has it open too and may read the scans first (Linux, no lock). */
        PORT_SHARED,
        /** An input method (IME) was composing while the scanner typed: letters become candidates, Enter is eaten. */
        IME_ACTIVE,
        /** Keyboard focus left the field in the middle of a burst: another window or program took it. */
        FOCUS_LOST,
        /** A burst stopped for longer than a scanner ever pauses and went on: something held the keys. */
        BURST_SPLIT,
        /** A burst at scanner speed ended without its terminator: cut short or the Enter was swallowed. */
        BURST_TRUNCATED
    }

    public ScanDiagnosis {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        origin = origin == null ? "" : origin;
        detail = detail == null ? "" : detail;
    }

    public String message(Locale locale) {
        return ScannerTexts.format(locale, "diagnosis." + kind.name(), origin, detail);
    }

    public String message() {
        return message(ScannerTexts.locale());
    }

    @Override
    public String toString() {
        return "N-4 " + kind + " at " + origin + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
