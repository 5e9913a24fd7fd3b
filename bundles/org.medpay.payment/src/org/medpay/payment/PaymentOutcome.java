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
 * @param insuranceDue      for {@link FailureKind#BLOCKED_BY_RULE}: what the personal account was about to
 *                          pay (the whole total under N-1, what the balance covers under a split policy), so
 *                          the P-1 register entry can record the split the rescan will settle; otherwise
 *                          {@code null}
 */
public record PaymentOutcome(String attemptId, Result result, FailureKind failure, String platformCode,
        String platformMessage, List<PaymentLeg> legs, Money total, Money balanceAfter, boolean fellBackToChannel,
        Money insuranceDue) {

    public PaymentOutcome(String attemptId, Result result, FailureKind failure, String platformCode,
            String platformMessage, List<PaymentLeg> legs, Money total, Money balanceAfter, boolean fellBackToChannel) {
        this(attemptId, result, failure, platformCode, platformMessage, legs, total, balanceAfter, fellBackToChannel,
                null);
    }

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
