package org.medpay.payment;

import org.medpay.core.money.Money;

public record AttemptSummary(String attemptId, String saleId, String region, AttemptState state, Money total,
        long createdEpochMillis) {
}
