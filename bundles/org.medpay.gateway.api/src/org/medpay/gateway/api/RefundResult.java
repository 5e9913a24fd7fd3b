package org.medpay.gateway.api;

import org.medpay.core.money.Money;

/** @param refundedTotal everything refunded on this trade so far, this refund included */
public record RefundResult(String outTradeNo, String outRequestNo, Money refunded, Money refundedTotal) {
}
