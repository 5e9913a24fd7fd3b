package org.medpay.gateway.api;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;

/** {@code outRequestNo} stays the same on every retry of one refund: the platform refunds it at most once. */
public record ChannelRefundRequest(PaymentChannel channel, String outTradeNo, String outRequestNo, Money amount,
        String reason, OperatorRef operator) {
}
