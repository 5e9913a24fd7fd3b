package org.medpay.gateway.sandbox.simulator;

/**
 * What the simulated platforms do, chosen by the last two digits of the scanned code (payment code or
 * e-voucher token). See the table in the bundle's README.md.
 */
public enum Scenario {
    /** x00-x09: bound, enough balance; wallet pays at once. */
    OK,
    /** x10-x19: bound, personal account balance 1.00; wallet pays at once. */
    BALANCE_SHORT,
    /** x20-x29: not bound to an insurance card; wallet pays at once. */
    UNBOUND,
    /** x3N: the buyer confirms on the phone after N seconds (x30: the configured default). */
    CONFIRM_LATER,
    /** x40-x44: the buyer never confirms. */
    NEVER_CONFIRMS,
    /** x45-x49: the wallet declines (not enough money). */
    DECLINED,
    /** x50-x59: the code expired. */
    EXPIRED,
    /** x60-x69: the money-moving call is booked, then answered with a system error. */
    SYSTEM_ERROR,
    /** x70-x79: booked, answered after the configured delay. */
    SLOW,
    /** x80-x89: booked, then the connection is closed without an answer. */
    RESET,
    /** x90-x99: booked, answered with a truncated body. */
    MALFORMED;

    public static Scenario of(String code) {
        int n = lastTwo(code);
        if (n < 0) {
            return OK;
        }
        int tens = n / 10;
        return switch (tens) {
        case 0 -> OK;
        case 1 -> BALANCE_SHORT;
        case 2 -> UNBOUND;
        case 3 -> CONFIRM_LATER;
        case 4 -> n % 10 < 5 ? NEVER_CONFIRMS : DECLINED;
        case 5 -> EXPIRED;
        case 6 -> SYSTEM_ERROR;
        case 7 -> SLOW;
        case 8 -> RESET;
        default -> MALFORMED;
        };
    }

    /** The N of x3N. */
    public static int confirmSeconds(String code, int fallback) {
        int n = lastTwo(code);
        return n >= 31 && n <= 39 ? n - 30 : fallback;
    }

    static int lastTwo(String code) {
        if (code == null || code.length() < 2) {
            return -1;
        }
        char a = code.charAt(code.length() - 2);
        char b = code.charAt(code.length() - 1);
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }

    public boolean isFault() {
        return this == SYSTEM_ERROR || this == SLOW || this == RESET || this == MALFORMED;
    }
}
