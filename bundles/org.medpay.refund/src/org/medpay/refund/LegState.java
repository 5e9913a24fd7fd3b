package org.medpay.refund;

public enum LegState {
    /** Not sent yet (or the order is just paid). */
    PENDING,
    /** Journalled as sent; the answer is awaited. */
    SENT,
    /** The answer was lost; retried in the background until definite. */
    UNKNOWN,
    REFUNDED,
    REFUSED
}
