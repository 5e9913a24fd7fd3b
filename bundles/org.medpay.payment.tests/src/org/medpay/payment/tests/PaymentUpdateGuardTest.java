package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.PaymentService;
import org.medpay.testing.Sales;
import org.medpay.update.UpdateGuard;
import org.osgi.framework.FrameworkUtil;

/** Issue 8: no p2 update while a payment is open; allowed again once it is resolved. */
class PaymentUpdateGuardTest {

    @Test
    void anOpenPaymentHoldsUpdatesBack() throws Exception {
        PaymentService payments = Fixture.await(PaymentService.class);
        var bc = FrameworkUtil.getBundle(PaymentUpdateGuardTest.class).getBundleContext();
        UpdateGuard guard = null;
        for (var ref : bc.getServiceReferences(UpdateGuard.class, null)) {
            UpdateGuard g = bc.getService(ref);
            if (g.getClass().getName().startsWith("org.medpay.payment")) {
                guard = g;
            }
        }
        assertTrue(guard != null, "the payment service's UpdateGuard is registered");
        long until = System.currentTimeMillis() + 20_000;
        while (payments.activeRegion().isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertTrue(guard.whyNotNow().isEmpty(), "nothing open: " + guard.whyNotNow());
        // Ends in 33: the buyer confirms on the phone after 3 s, so the attempt stays open meanwhile.
        ScannedCode code = new ScannedCode("28" + (String.valueOf(System.nanoTime()) + "00000000000000").substring(0, 14) + "33",
                ScannedCodeKind.ALIPAY_PAYMENT_CODE, "test");
        CompletableFuture<PaymentOutcome> paying = payments.settle(Sales.ineligible(Fixture.NOW), code,
                new OperatorRef("C01", "李收银"), null);
        boolean refused = false;
        long deadline = System.currentTimeMillis() + 10_000;
        while (!paying.isDone() && System.currentTimeMillis() < deadline && !refused) {
            refused = guard.whyNotNow().isPresent();
            Thread.sleep(50);
        }
        assertTrue(refused, "an update was refused while the payment was open");
        assertTrue(paying.get(30, TimeUnit.SECONDS).paid());
        assertTrue(guard.whyNotNow().isEmpty(), "resolved: updates allowed again");
    }
}
