package org.medpay.gateway.api;

/** Why a platform said no; the UI turns each into the cashier's message (P-12). */
public enum FailureReason {
    /** The personal account cannot cover the amount (N-1: fall back to Alipay/WeChat). */
    BALANCE_INSUFFICIENT,
    /** The payment code or e-voucher expired or was already used: scan a fresh one (N-3). */
    CODE_EXPIRED,
    CODE_INVALID,
    /** The buyer's phone is not bound to an insurance card (P-3/P-5). */
    BUYER_NOT_BOUND,
    /** The buyer refused or cancelled on the phone. */
    BUYER_CANCELLED,
    /** The wallet itself has no money or the card was declined. */
    PAYMENT_DECLINED,
    TRADE_CLOSED,
    TRADE_ALREADY_PAID,
    TRADE_NOT_FOUND,
    REFUND_NOT_ALLOWED,
    NOT_SIGNED_IN,
    /** Any other business refusal; the platform's message says why. */
    REJECTED
}
