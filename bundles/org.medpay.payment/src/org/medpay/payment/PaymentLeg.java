package org.medpay.payment;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;

/** @param reference {@code setl_id} for the insurance leg, {@code out_trade_no} for Alipay/WeChat */
public record PaymentLeg(PaymentChannel channel, Money amount, String reference) {
}
