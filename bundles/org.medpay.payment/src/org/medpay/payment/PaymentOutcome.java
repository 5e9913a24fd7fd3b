package org.medpay.payment;

import java.util.List;

import org.medpay.core.money.Money;

/**
 * What the cashier is told (P-12).
 *
 * @param failure           {@code null} when paid
 * @param platformMessage   the platform's own words for a refusal, shown as they are; may be empty
 * @param balanceAfter      personal account balance after the payment, when the platform said
 * @param fellBackToChannel N-1: the balance was short, so Alipay/WeChat paid the whole amount
 */
public record PaymentOutcome(String attemptId, Result result, FailureKind failure, String platformCode,
        String platformMessage, List<PaymentLeg> legs, Money total, Money balanceAfter, boolean fellBackToChannel) {

    public enum Result {
        PAID, FAILED,
        /** Not known yet; resolved in the background, the sale may not be paid again meanwhile. */
        UNKNOWN
    }

    public PaymentOutcome {
        legs = List.copyOf(legs);
        platformCode = platformCode == null ? "" : platformCode;
        platformMessage = platformMessage == null ? "" : platformMessage;
    }

    public static PaymentOutcome refused(FailureKind kind, Money total) {
        return new PaymentOutcome(null, Result.FAILED, kind, "", "", List.of(), total, null, false);
    }

    public boolean paid() {
        return result == Result.PAID;
    }
}
