package org.medpay.gateway.api;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;

/** A barcode payment: {@code outTradeNo} is unique per attempt and journalled before the call (N-3). */
public record ChannelPayRequest(PaymentChannel channel, String outTradeNo, String authCode, Money amount,
        String subject, OperatorRef operator) {

    @Override
    public String toString() {
        return "ChannelPayRequest[" + channel + ", " + outTradeNo + ", code=" + org.medpay.core.scan.Masking.mask(authCode)
                + ", " + amount + "]";
    }
}
