package org.medpay.update;

import java.util.Optional;

/**
 * Says whether the workstation may be updated now. The payment service implements it (an open payment
 * must never see its bundles replaced under it: architecture invariant 1, "nothing lost, nothing twice");
 * any bundle may register one. With none registered, updating is allowed.
 */
@FunctionalInterface
public interface UpdateGuard {

    /**
     * @return empty when an update may start now; otherwise the reason, in the cashier's language, shown
     *         as is (e.g. "有未完成的支付 / a payment is open")
     */
    Optional<String> whyNotNow();
}
