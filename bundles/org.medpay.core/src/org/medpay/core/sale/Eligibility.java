package org.medpay.core.sale;

/**
 * Whether a sale may use the insurance personal account (rule N-2) and, if not, the first line that
 * forbids it and why.
 */
public record Eligibility(boolean insuranceAllowed, SaleLine blockingLine, IneligibilityReason reason) {

    public static final Eligibility ALLOWED = new Eligibility(true, null, null);

    public static Eligibility blockedBy(SaleLine line, IneligibilityReason reason) {
        return new Eligibility(false, line, reason);
    }
}
