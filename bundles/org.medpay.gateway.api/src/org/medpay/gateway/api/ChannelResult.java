package org.medpay.gateway.api;

import java.time.Instant;

import org.medpay.core.money.Money;

/**
 * @param tradeNo the platform's own trade number, when it has one
 * @param paidAt  when the platform booked the payment, when {@link ChannelStatus#PAID}
 */
public record ChannelResult(String outTradeNo, ChannelStatus status, String tradeNo, Money amount, Instant paidAt) {
}
