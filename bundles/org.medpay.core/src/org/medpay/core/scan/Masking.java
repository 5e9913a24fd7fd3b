package org.medpay.core.scan;

/** Masks payment codes, ID numbers and account numbers for screens and logs. */
public final class Masking {

    private Masking() {
    }

    /**
     * Keeps the first two and last four characters ({@code 28**********1234}); short values keep less so
     * that at least half is hidden.
     */
    public static String mask(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int n = value.length();
        int head = n >= 12 ? 2 : n >= 8 ? 1 : 0;
        int tail = n >= 12 ? 4 : n >= 6 ? 2 : n >= 3 ? 1 : 0;
        return value.substring(0, head) + "*".repeat(n - head - tail) + value.substring(n - tail);
    }
}
