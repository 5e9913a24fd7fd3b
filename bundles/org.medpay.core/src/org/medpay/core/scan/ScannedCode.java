package org.medpay.core.scan;

import java.util.Objects;

/**
 * A classified scan. {@link #toString()} masks the text: a payment code in a log is money in the wrong
 * hands for a minute.
 */
public record ScannedCode(String text, ScannedCodeKind kind, String reason) {

    public ScannedCode {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    public String masked() {
        return Masking.mask(text);
    }

    @Override
    public String toString() {
        return kind + "[" + masked() + "]: " + reason;
    }
}
