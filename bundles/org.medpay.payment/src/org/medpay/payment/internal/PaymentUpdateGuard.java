package org.medpay.payment.internal;

import java.util.Optional;

import org.medpay.payment.PaymentService;
import org.medpay.update.UpdateGuard;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * No update while a payment is open: replacing bundles under an attempt whose outcome is not yet known
 * is how payments get lost or charged twice (architecture invariant 1).
 */
@Component(service = UpdateGuard.class)
public final class PaymentUpdateGuard implements UpdateGuard {

    private final PaymentService payments;

    @Activate
    public PaymentUpdateGuard(@Reference PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public Optional<String> whyNotNow() {
        int open = payments.unresolvedAttempts().size();
        return open == 0 ? Optional.empty()
                : Optional.of("有 " + open + " 笔未完成的支付，请等待其完成后再更新 / " + open
                        + " payment(s) still open: update when they are resolved");
    }
}
