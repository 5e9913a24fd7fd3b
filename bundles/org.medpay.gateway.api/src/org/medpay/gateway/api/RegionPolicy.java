package org.medpay.gateway.api;

import org.medpay.core.money.Money;

/**
 * The local rules a region sets.
 *
 * @param split             how a bound buyer's short balance is handled; the procedure's rule (N-1) is
 *                          {@link SplitPolicy#ALL_OR_CHANNEL}
 * @param registerThreshold P-1: a mobile insurance payment above this needs a register entry
 * @param registerBasis     what is compared with the threshold
 * @param refundWindowDays  0 = same day only, N = within N days, negative = no limit
 */
public record RegionPolicy(SplitPolicy split, Money registerThreshold, RegisterBasis registerBasis,
        int refundWindowDays) {

    public static final RegionPolicy PROCEDURE_DEFAULT = new RegionPolicy(SplitPolicy.ALL_OR_CHANNEL,
            Money.ofFen(50_000), RegisterBasis.INSURANCE_AMOUNT, 0);

    public enum SplitPolicy {
        /** N-1: the personal account pays all, or Alipay/WeChat pays all. */
        ALL_OR_CHANNEL,
        /** The account pays what it can, the channel the rest. */
        ACCOUNT_THEN_CHANNEL
    }

    public enum RegisterBasis {
        INSURANCE_AMOUNT, TOTAL
    }
}
