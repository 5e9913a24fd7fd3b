package org.medpay.core.money;

import java.util.Objects;

/**
 * An amount of renminbi in fen (1 yuan = 100 fen). Integer arithmetic only: a till that drifts by a fen
 * is a till that does not reconcile.
 */
public final class Money implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    private final long fen;

    private Money(long fen) {
        this.fen = fen;
    }

    public static Money ofFen(long fen) {
        return fen == 0 ? ZERO : new Money(fen);
    }

    /**
     * Parses a yuan amount as cashiers and platforms write it: {@code 12}, {@code 12.5}, {@code 12.50},
     * {@code -3.05}, with an optional {@code ¥} and thousands separators. More than two decimals is an
     * error rather than a silent rounding.
     */
    public static Money parseYuan(String text) {
        if (text == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        String s = text.strip().replace(",", "").replace("¥", "").replace("￥", "").strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("amount is empty");
        }
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        String frac = dot < 0 ? "" : s.substring(dot + 1);
        if ((whole.isEmpty() && frac.isEmpty()) || !allDigits(whole) || !allDigits(frac)) {
            throw new IllegalArgumentException("not a yuan amount: " + text);
        }
        if (frac.length() > 2) {
            throw new IllegalArgumentException("more than two decimals (fen is the smallest unit): " + text);
        }
        if (whole.length() > 15) {
            throw new IllegalArgumentException("amount too large: " + text);
        }
        long yuan = whole.isEmpty() ? 0 : Long.parseLong(whole);
        long cents = frac.isEmpty() ? 0 : Long.parseLong(frac.length() == 1 ? frac + "0" : frac);
        long fen = Math.addExact(Math.multiplyExact(yuan, 100), cents);
        return ofFen(negative ? -fen : fen);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public long fen() {
        return fen;
    }

    public Money plus(Money other) {
        return ofFen(Math.addExact(fen, other.fen));
    }

    public Money minus(Money other) {
        return ofFen(Math.subtractExact(fen, other.fen));
    }

    public Money times(long quantity) {
        return ofFen(Math.multiplyExact(fen, quantity));
    }

    /**
     * This amount times {@code numerator / denominator}, rounded half up to the fen — used for ratios such
     * as a class B self-pay proportion expressed in per-mille.
     */
    public Money ratio(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive");
        }
        long product = Math.multiplyExact(fen, numerator);
        long q = product / denominator;
        long r = product % denominator;
        if (Math.abs(r) * 2 >= denominator) {
            q += Long.signum(product);
        }
        return ofFen(q);
    }

    public Money negate() {
        return ofFen(Math.negateExact(fen));
    }

    public boolean isZero() {
        return fen == 0;
    }

    public boolean isNegative() {
        return fen < 0;
    }

    public boolean isPositive() {
        return fen > 0;
    }

    public boolean greaterThan(Money other) {
        return fen > other.fen;
    }

    public boolean lessThan(Money other) {
        return fen < other.fen;
    }

    public static Money max(Money a, Money b) {
        return a.fen >= b.fen ? a : b;
    }

    public static Money min(Money a, Money b) {
        return a.fen <= b.fen ? a : b;
    }

    /** Plain yuan with two decimals, as platforms expect it: {@code 12.50}, {@code -0.05}. */
    public String toYuanString() {
        long abs = Math.abs(fen);
        String s = (abs / 100) + "." + (abs % 100 < 10 ? "0" : "") + (abs % 100);
        return fen < 0 ? "-" + s : s;
    }

    /** For screens: {@code ¥1,234.50}. */
    public String format() {
        long abs = Math.abs(fen);
        StringBuilder whole = new StringBuilder(Long.toString(abs / 100));
        for (int i = whole.length() - 3; i > 0; i -= 3) {
            whole.insert(i, ',');
        }
        String cents = (abs % 100 < 10 ? "0" : "") + (abs % 100);
        return (fen < 0 ? "-¥" : "¥") + whole + "." + cents;
    }

    @Override
    public int compareTo(Money o) {
        return Long.compare(fen, o.fen);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && m.fen == fen;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(fen);
    }

    @Override
    public String toString() {
        return toYuanString();
    }
}
