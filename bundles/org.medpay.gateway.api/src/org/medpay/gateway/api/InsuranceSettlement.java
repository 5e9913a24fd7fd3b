package org.medpay.gateway.api;

import org.medpay.core.money.Money;

/**
 * The platform's {@code setlinfo}.
 *
 * @param accountPaid  {@code acct_pay}, from the personal account
 * @param cashPart     {@code psn_cash_pay}, what the buyer still owes (goes to the channel leg)
 * @param fundPaid     {@code fund_pay_sumamt}
 * @param balanceAfter {@code balc}
 */
public record InsuranceSettlement(String settlementId, String visitId, Money total, Money accountPaid, Money cashPart,
        Money fundPaid, Money balanceAfter) {
}
