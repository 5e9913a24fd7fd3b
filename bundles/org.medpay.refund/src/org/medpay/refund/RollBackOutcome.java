package org.medpay.refund;

import java.util.List;

/**
 * @param refusal     why nothing (more) was done; {@code null} when refunded or in progress
 * @param windowDays  the region's refund window, for the OUTSIDE_WINDOW messages
 */
public record RollBackOutcome(String orderNo, Result result, Refusal refusal, int windowDays, List<RefundLeg> legs) {

    public enum Result {
        /** Every leg refunded. */
        REFUNDED,
        /** Refused before anything was sent. */
        REFUSED,
        /** A leg's answer was lost: finished in the background, the order shows 退款中. */
        IN_PROGRESS,
        /** A platform refused a leg; see the legs. */
        FAILED
    }

    public RollBackOutcome {
        legs = List.copyOf(legs);
    }

    public static RollBackOutcome refused(String orderNo, Refusal r, int windowDays) {
        return new RollBackOutcome(orderNo, Result.REFUSED, r, windowDays, List.of());
    }
}
