package org.medpay.payment.internal;

import org.medpay.core.money.Money;
import org.medpay.gateway.api.RegionPolicy.SplitPolicy;
import org.medpay.payment.PreSettlementCheck;
import org.medpay.register.ComplianceRegister;
import org.medpay.register.RegisterEntryRequiredException;

/**
 * P-1, strictly: an insurance settlement above the region's threshold needs a complete register entry.
 * It sits in front of the one place the insurance leg is booked, so no path — shortcut, retry, recovery —
 * gets past it; the payment component cannot even start without the register.
 */
final class RegisterCheck implements PreSettlementCheck {

    private final ComplianceRegister register;

    RegisterCheck(ComplianceRegister register) {
        this.register = register;
    }

    @Override
    public String check(Context c) {
        try {
            register.ensureSettlementAllowed(c.policy(), c.saleId(), insuranceAmount(c), c.total());
            return null;
        } catch (RegisterEntryRequiredException e) {
            return "P-1: " + e.getMessage();
        } catch (RuntimeException e) {
            // A register that cannot answer must not wave an over-threshold payment through.
            return "P-1: register unavailable (" + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * What the personal account will pay: all of it under the procedure's rule (N-1), what the balance
     * covers under a split policy.
     */
    static Money insuranceAmount(Context c) {
        if (c.policy().split() == SplitPolicy.ACCOUNT_THEN_CHANNEL && c.buyer() != null
                && c.buyer().accountBalance() != null) {
            return Money.min(c.buyer().accountBalance(), c.total());
        }
        return c.total();
    }
}
