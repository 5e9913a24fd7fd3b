package org.medpay.refund.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.medpay.payment.PaidOrder;
import org.medpay.payment.PaidOrders;
import org.medpay.refund.RefundCriteria;
import org.medpay.refund.RefundService;
import org.medpay.refund.RefundStatus;
import org.medpay.refund.RollBackOutcome;

/** The product's wiring: the DS RefundService on the workstation database, gateways bound by region. */
class RefundServiceComponentTest {

    @Test
    void declarativeServiceQueriesAndRollsBackAPaymentOverTheSandbox() throws Exception {
        String order = Env.pay(Env.ineligibleSale(), Env.alipay("00"));
        PaidOrder p = Env.await(PaidOrders.class, "").get(order).orElseThrow();
        RefundService s = Env.await(RefundService.class, "");
        assertFalse(s.approvalRequired(), "no supervisor service registered in this runtime");
        assertEquals(RefundStatus.PAID, s.query(new RefundCriteria(null, order, null, null)).orders().get(0).status());
        RollBackOutcome out = s.rollBack(order, Env.CASHIER, null).get(30, TimeUnit.SECONDS);
        assertEquals(RollBackOutcome.Result.REFUNDED, out.result(), out.toString());
        assertEquals(RefundStatus.REFUNDED,
                s.query(new RefundCriteria(null, order, null, null)).orders().get(0).status());
        assertEquals(p.channelAmount().fen(), ((Number) Env.trade(p.outTradeNo()).get("refunded_fen")).longValue());
    }
}
