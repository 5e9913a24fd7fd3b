package org.medpay.gateway.api;

import java.time.Instant;
import java.util.List;

import org.medpay.core.money.Money;
import org.medpay.core.sale.SaleLine;

/**
 * A 2101/2102 call. {@code messageId} comes from {@link RegionGateway#nextMessageId()} and was journalled
 * before the call.
 *
 * @param useAccount {@code acct_used_flag}: pay from the personal account
 */
public record InsuranceRequest(String messageId, String saleId, BuyerIdentity buyer, List<SaleLine> lines, Money total,
        boolean useAccount, OperatorRef operator, Instant time) {

    public InsuranceRequest {
        lines = List.copyOf(lines);
    }
}
