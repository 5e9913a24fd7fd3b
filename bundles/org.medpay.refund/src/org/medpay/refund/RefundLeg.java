package org.medpay.refund;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;

/** @param message the platform's own words for a refusal, shown as they are; may be empty */
public record RefundLeg(PaymentChannel channel, Money amount, LegState state, String message) {
}
