package org.medpay.gateway.api;

import org.medpay.core.sale.PaymentChannel;

public record ChannelTradeRef(PaymentChannel channel, String outTradeNo) {
}
