package org.medpay.refund;

import java.util.List;

import org.medpay.core.money.Money;

/** One row of the results table; the social-security code only ever masked. */
public record RefundOrder(String orderNo, long timeMillis, String maskedSsCode, Money total, List<RefundLeg> legs,
        RefundStatus status, String region) {

    public RefundOrder {
        legs = List.copyOf(legs);
    }

    public boolean refundable() {
        return status.refundable();
    }
}
