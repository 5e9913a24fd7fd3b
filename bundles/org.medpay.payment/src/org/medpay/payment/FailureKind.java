package org.medpay.payment;

/** Why an attempt did not pay; each has its own cashier message (P-12). */
public enum FailureKind {
    /** The payment code or e-voucher expired or was used: scan a fresh one (N-3). */
    CODE_EXPIRED,
    /** The scan is not a payment code this till can settle. */
    CODE_INVALID,
    /** An e-voucher alone cannot pay this sale (N-1 balance short, N-2 ineligible, not bound): scan the Alipay/WeChat payment code. */
    NEEDS_PAYMENT_CODE,
    /** N-3: the buyer did not confirm within 60 s. */
    NOT_CONFIRMED_IN_TIME,
    BUYER_CANCELLED,
    /** The wallet declined (no money, card refused). */
    PAYMENT_DECLINED,
    /** The platform refused; its own message says why. */
    REJECTED,
    /** A lost answer or unreachable platform; what was sent has been undone. */
    NETWORK,
    /** An earlier attempt for this sale is not resolved yet: wait, do not rescan. */
    EARLIER_ATTEMPT_UNRESOLVED,
    /** No gateway for the active region is installed. */
    NO_GATEWAY,
    /** A rule (e.g. the P-1 register) stopped the insurance settlement. */
    BLOCKED_BY_RULE,
    EMPTY_SALE,
    /** The workstation stopped mid-payment; recovery undid it. */
    INTERRUPTED,
    INTERNAL
}
