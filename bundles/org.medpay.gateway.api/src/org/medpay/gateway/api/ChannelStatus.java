package org.medpay.gateway.api;

/** A channel trade's state as the wallet platform reports it. */
public enum ChannelStatus {
    /** TRADE_SUCCESS / SUCCESS. */
    PAID,
    /** Alipay 10003 / WAIT_BUYER_PAY, WeChat USERPAYING: the buyer must still confirm on the phone. */
    PAYING,
    /** Closed, revoked, failed or never created: no money moved. */
    NOT_PAID,
    /** Paid, then fully refunded or reversed. */
    REFUNDED
}
