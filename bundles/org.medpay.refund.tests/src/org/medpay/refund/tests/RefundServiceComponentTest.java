package org.medpay.refund.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.medpay.payment.PaidOrder;
import org.medpay.payment.PaidOrders;
import org.medpay.refund.RefundCriteria;
import org.medpay.refund.RefundService;
import org.medpay.refund.RefundStatus;
import org.medpay.refund.RollBackOutcome;
import org.medpay.testing.Sales;

/** The product's wiring: the DS RefundService on the workstation database, gateways bound by region. */
class RefundServiceComponentTest {

    @Test
    void declarativeServiceQueriesAndRollsBackAPaymentOverTheSandbox() throws Exception {
        String order = Env.pay(Env.ineligibleSale(), Sales.alipay("00"));
        PaidOrder p = Env.await(PaidOrders.class, "").get(order).orElseThrow();
        RefundService s = Env.await(RefundService.class, "");
        // The operator service is in the runtime: a supervisor must approve (issue 7, R-4).
        assertTrue(s.approvalRequired(), "refunds need a supervisor");
        RollBackOutcome refused = s.rollBack(order, Env.CASHIER, new org.medpay.refund.Approval("1001", "123456"))
                .get(30, TimeUnit.SECONDS);
        assertNotEquals(RollBackOutcome.Result.REFUNDED, refused.result(), "a cashier cannot approve: " + refused);
        assertEquals(RefundStatus.PAID, s.query(new RefundCriteria(null, order, null, null)).orders().get(0).status());
        RollBackOutcome out = s.rollBack(order, Env.CASHIER, new org.medpay.refund.Approval("9001", "654321"))
                .get(30, TimeUnit.SECONDS);
        assertEquals(RollBackOutcome.Result.REFUNDED, out.result(), out.toString());
        assertEquals(RefundStatus.REFUNDED,
                s.query(new RefundCriteria(null, order, null, null)).orders().get(0).status());
        assertEquals(p.channelAmount().fen(), ((Number) Env.trade(p.outTradeNo()).get("refunded_fen")).longValue());
    }
}
