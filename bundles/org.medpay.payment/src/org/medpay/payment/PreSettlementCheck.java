package org.medpay.payment;

import java.util.List;

import org.medpay.core.money.Money;
import org.medpay.core.sale.SaleLine;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionPolicy;

/**
 * A rule consulted right before the insurance leg is booked (2102), e.g. the compliance register of P-1.
 * Register an OSGi service of this type; the payment service asks every one of them and books nothing
 * when one refuses.
 */
public interface PreSettlementCheck {

    /** @return {@code null} to allow, or the cashier message that explains the refusal */
    String check(Context context);

    record Context(String attemptId, String saleId, String region, RegionPolicy policy, BuyerIdentity buyer,
            List<SaleLine> lines, Money total, OperatorRef operator) {
    }
}
