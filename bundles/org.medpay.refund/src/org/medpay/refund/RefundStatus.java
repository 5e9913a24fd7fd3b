package org.medpay.refund;

/** What the results table shows for an order. */
public enum RefundStatus {
    PAID,
    REFUNDED,
    /** A leg's answer was lost and is being retried: the order cannot be rolled back again meanwhile. */
    REFUND_IN_PROGRESS,
    /** A platform refused a leg: legs already refunded stay refunded, the rest may be rolled back again. */
    REFUND_FAILED,
    UNKNOWN;

    public boolean refundable() {
        return this == PAID || this == REFUND_FAILED;
    }
}
