package org.medpay.scanner;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** The serial scanner's state, as the settings page and status bar show it. */
public record ScannerStatus(State state, String port, Instant since, String detail) {

    public enum State {
        /** Serial mode is off (keyboard wedge, or not configured). */
        DISABLED,
        /** The configured port does not exist (unplugged); polled until it comes back. */
        WAITING_FOR_PORT,
        /** The port exists but another program holds it: N-4. */
        PORT_BUSY,
        CONNECTED
    }

    public ScannerStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        port = port == null ? "" : port;
        detail = detail == null ? "" : detail;
    }

    public String message(Locale locale) {
        return ScannerTexts.format(locale, "status." + state.name(), port, detail);
    }

    public String message() {
        return message(ScannerTexts.locale());
    }
}
