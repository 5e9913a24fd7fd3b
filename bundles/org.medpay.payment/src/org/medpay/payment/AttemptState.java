package org.medpay.payment;

/** Where an attempt stands. PAID and FAILED are final; UNKNOWN is resolved in the background. */
public enum AttemptState {
    /** Journalled; nothing sent yet. */
    CREATED,
    /** Asking the platform who the buyer is and choosing the route (N-1, N-2). */
    IDENTIFYING,
    /** 2102 against the personal account. */
    SETTLING_INSURANCE,
    /** Alipay/WeChat: waiting for the buyer to confirm on the phone (10003 / USERPAYING). */
    PAYING,
    /** Undoing what was booked: channel cancel/reverse, 2103, 2601. */
    CANCELLING,
    /** An answer was lost; the background asks again until it knows. No new attempt for the sale meanwhile. */
    UNKNOWN,
    PAID,
    FAILED;

    public boolean isFinal() {
        return this == PAID || this == FAILED;
    }
}
