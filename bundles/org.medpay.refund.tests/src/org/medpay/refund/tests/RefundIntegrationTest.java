package org.medpay.refund.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.refund.tests.Env.CASHIER;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.scan.Masking;
import org.medpay.payment.PaidOrder;
import org.medpay.payment.PaidOrders;
import org.medpay.refund.Approval;
import org.medpay.refund.LegState;
import org.medpay.refund.QueryResult;
import org.medpay.refund.RefundCriteria;
import org.medpay.refund.RefundOrder;
import org.medpay.refund.RefundService;
import org.medpay.refund.RefundStatus;
import org.medpay.refund.Refusal;
import org.medpay.refund.RollBackOutcome;
import org.medpay.refund.internal.RefundEngine;
import org.medpay.refund.internal.RefundRow;
import org.medpay.testing.Sales;

/**
 * R-2..R-4 end to end: a real payment through the payment service against the sandbox simulator over HTTP,
 * then the refund engine on real Derby; the simulator's ledger proves what moved and how often.
 */
class RefundIntegrationTest {

    private final Env.MovableClock clock = new Env.MovableClock();
    private RefundEngine engine;

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
        Env.simulator().apply(Map.of("faultPercent", "0"));
    }

    private RefundEngine engine() throws Exception {
        if (engine == null) {
            engine = Env.engine(clock, null);
        }
        return engine;
    }

    private RollBackOutcome rollBack(String orderNo) throws Exception {
        return engine().rollBack(orderNo, CASHIER, null).get(30, TimeUnit.SECONDS);
    }

    private RefundOrder row(String orderNo) throws Exception {
        QueryResult r = engine().query(new RefundCriteria(null, orderNo, null, null));
        assertNull(r.refusal());
        assertEquals(1, r.orders().size(), "exactly the order " + orderNo);
        return r.orders().get(0);
    }

    private static PaidOrder paid(String orderNo) throws Exception {
        return Env.await(PaidOrders.class, "").get(orderNo).orElseThrow();
    }

    // ---- query ----

    @Test
    void queryRefusesNoCriteriaAndStartAfterEnd() throws Exception {
        assertEquals(Refusal.NO_CRITERIA, engine().query(new RefundCriteria(" ", "", null, null)).refusal());
        LocalDateTime t = LocalDateTime.now();
        assertEquals(Refusal.START_AFTER_END, engine().query(new RefundCriteria(null, null, t, t.minusMinutes(1))).refusal());
    }

    @Test
    void queryByEachCriterionAndTheirCombination() throws Exception {
        String order = Env.pay(Env.eligibleSale(), Sales.evoucher("00"));
        PaidOrder p = paid(order);
        RefundService s = engine();

        RefundOrder byNo = row(order);
        assertEquals(RefundStatus.PAID, byNo.status());
        assertTrue(byNo.refundable());
        assertEquals(Masking.mask(p.personNo()), byNo.maskedSsCode());
        assertFalse(byNo.maskedSsCode().equals(p.personNo()), "the ss code is shown masked only");
        assertEquals(2500, byNo.total().fen());
        assertEquals(PaymentChannel.INSURANCE_ACCOUNT, byNo.legs().get(0).channel());

        List<RefundOrder> bySs = s.query(new RefundCriteria(p.personNo(), null, null, null)).orders();
        assertTrue(bySs.stream().anyMatch(o -> o.orderNo().equals(order)));
        assertTrue(bySs.stream().allMatch(o -> o.maskedSsCode().equals(Masking.mask(p.personNo()))));

        LocalDateTime paidAt = clock.instant().atZone(Env.ZONE).toLocalDateTime();
        List<RefundOrder> byTime = s.query(new RefundCriteria(null, null, paidAt.minusMinutes(5), paidAt.plusMinutes(5)))
                .orders();
        assertTrue(byTime.stream().anyMatch(o -> o.orderNo().equals(order)));
        assertTrue(s.query(new RefundCriteria(null, null, paidAt.minusMinutes(5), null)).orders().stream()
                .anyMatch(o -> o.orderNo().equals(order)), "start only");
        assertTrue(s.query(new RefundCriteria(null, null, null, paidAt.plusMinutes(5))).orders().stream()
                .anyMatch(o -> o.orderNo().equals(order)), "end only");
        assertTrue(s.query(new RefundCriteria(null, null, paidAt.plusMinutes(5), null)).orders().isEmpty()
                || s.query(new RefundCriteria(null, null, paidAt.plusMinutes(5), null)).orders().stream()
                        .noneMatch(o -> o.orderNo().equals(order)), "after the order: not found");
        assertEquals(List.of(order), s.query(new RefundCriteria(p.personNo(), order, paidAt.minusMinutes(5),
                paidAt.plusMinutes(5))).orders().stream().map(RefundOrder::orderNo).toList(), "all four combined");
        assertTrue(s.query(new RefundCriteria("NOSUCHPERSON", order, null, null)).orders().isEmpty(),
                "criteria combine with AND");
    }

    // ---- roll back ----

    @Test
    void bothLegsRefundedOnceAndSecondRollBackRefused() throws Exception {
        // ACCOUNT_THEN_CHANNEL, balance 1.00: the account pays 1.00, Alipay the rest.
        String order = Env.pay(Env.eligibleSale(), Sales.alipay("10"));
        PaidOrder p = paid(order);
        assertTrue(p.hasInsuranceLeg() && p.hasChannelLeg(), "a two-leg order: " + p);

        RollBackOutcome out = rollBack(order);
        assertEquals(RollBackOutcome.Result.REFUNDED, out.result(), out.toString());
        assertEquals(2, out.legs().size());
        assertTrue(out.legs().stream().allMatch(l -> l.state() == LegState.REFUNDED));
        assertEquals("CANCELLED", Env.settlement(p.settlementId()).get("state"));
        Map<String, Object> t = Env.trade(p.outTradeNo());
        assertEquals(p.channelAmount().fen(), ((Number) t.get("refunded_fen")).longValue());
        assertEquals(1, ((Map<?, ?>) t.get("refunds")).size());
        assertEquals(RefundStatus.REFUNDED, row(order).status());
        assertFalse(row(order).refundable());

        RollBackOutcome again = rollBack(order);
        assertEquals(RollBackOutcome.Result.REFUSED, again.result());
        assertEquals(Refusal.ALREADY_REFUNDED, again.refusal());
        assertEquals(p.channelAmount().fen(), ((Number) Env.trade(p.outTradeNo()).get("refunded_fen")).longValue());
    }

    @Test
    void insuranceOnlyOrder() throws Exception {
        String order = Env.pay(Env.eligibleSale(), Sales.evoucher("00"));
        PaidOrder p = paid(order);
        assertTrue(p.hasInsuranceLeg() && !p.hasChannelLeg());
        RollBackOutcome out = rollBack(order);
        assertEquals(RollBackOutcome.Result.REFUNDED, out.result(), out.toString());
        assertEquals(List.of(PaymentChannel.INSURANCE_ACCOUNT), out.legs().stream().map(l -> l.channel()).toList());
        assertEquals("CANCELLED", Env.settlement(p.settlementId()).get("state"));
    }

    @Test
    void channelOnlyOrder() throws Exception {
        String order = Env.pay(Env.ineligibleSale(), Sales.alipay("00"));
        PaidOrder p = paid(order);
        assertTrue(!p.hasInsuranceLeg() && p.hasChannelLeg());
        RollBackOutcome out = rollBack(order);
        assertEquals(RollBackOutcome.Result.REFUNDED, out.result(), out.toString());
        assertEquals(2890L, ((Number) Env.trade(p.outTradeNo()).get("refunded_fen")).longValue());
    }

    @Test
    void notPaidRefused() throws Exception {
        RollBackOutcome out = rollBack("MPNOSUCHORDER000000000000");
        assertEquals(RollBackOutcome.Result.REFUSED, out.result());
        assertEquals(Refusal.NOT_PAID, out.refusal());
        assertTrue(Env.journal().find("MPNOSUCHORDER000000000000").isEmpty(), "nothing journalled");
    }

    @Test
    void outsideTheSameDayWindowRefusedBeforeSending() throws Exception {
        String order = Env.pay(Env.ineligibleSale(), Sales.alipay("00"));
        PaidOrder p = paid(order);
        clock.offset = Duration.ofDays(1);
        int refundCalls = callCount();
        RollBackOutcome out = rollBack(order);
        assertEquals(Refusal.OUTSIDE_WINDOW_SAME_DAY, out.refusal());
        assertEquals(0, out.windowDays());
        assertEquals(refundCalls, callCount(), "nothing sent");
        assertEquals(0L, ((Number) Env.trade(p.outTradeNo()).get("refunded_fen")).longValue());
        assertTrue(Env.journal().find(order).isEmpty());
        assertEquals(RefundStatus.PAID, row(order).status());
    }

    private static int callCount() throws Exception {
        return ((Map<?, ?>) Env.simulator().ledgerSnapshot().get("calls")).values().stream()
                .mapToInt(v -> ((Number) v).intValue()).sum();
    }

    @Test
    void lostAnswerRetriedUntilDefiniteAndNeverTwice() throws Exception {
        String order = Env.pay(Env.ineligibleSale(), Sales.alipay("00"));
        PaidOrder p = paid(order);
        // Every answer lost (system error, reset, truncated, too slow for the 1.5 s timeout).
        Env.simulator().apply(Map.of("faultPercent", "100"));
        RollBackOutcome first = rollBack(order);
        assertEquals(RollBackOutcome.Result.IN_PROGRESS, first.result(), first.toString());
        assertEquals(LegState.UNKNOWN, first.legs().get(0).state());
        assertEquals(RefundStatus.REFUND_IN_PROGRESS, row(order).status());
        assertFalse(row(order).refundable());
        RollBackOutcome second = rollBack(order);
        assertEquals(Refusal.IN_PROGRESS, second.refusal(), "never rolled back twice");
        assertTrue(engine().inProgress().contains(order));

        Env.simulator().apply(Map.of("faultPercent", "0"));
        awaitState(order, RefundRow.REFUNDED, 30_000);
        Map<String, Object> t = Env.trade(p.outTradeNo());
        assertEquals(2890L, ((Number) t.get("refunded_fen")).longValue(), "refunded exactly once");
        assertEquals(RefundStatus.REFUNDED, row(order).status());
    }

    @Test
    void crashBetweenTheLegsResumedByANewInstanceWithoutRefundingTwice() throws Exception {
        String order = Env.pay(Env.eligibleSale(), Sales.alipay("10"));
        PaidOrder p = paid(order);
        RefundEngine first = engine();
        // The channel refund goes through, then the till dies before it journals the answer.
        first.setAfterCall((o, leg) -> {
            if (leg.equals("CHANNEL")) {
                throw new IllegalStateException("simulated crash");
            }
        });
        ExecutionException crash = assertThrows(ExecutionException.class,
                () -> first.rollBack(order, CASHIER, null).get(30, TimeUnit.SECONDS));
        assertTrue(crash.getCause().getMessage().contains("simulated crash"));
        first.close();
        engine = null;
        RefundRow left = Env.journal().find(order).orElseThrow();
        assertEquals(RefundRow.IN_PROGRESS, left.state);
        assertEquals(RefundRow.DONE, left.insState);
        assertEquals(RefundRow.SENT, left.chState);
        assertEquals(p.channelAmount().fen(), ((Number) Env.trade(p.outTradeNo()).get("refunded_fen")).longValue());

        RefundEngine second = engine();
        second.resume();
        awaitState(order, RefundRow.REFUNDED, 30_000);
        Map<String, Object> t = Env.trade(p.outTradeNo());
        assertEquals(p.channelAmount().fen(), ((Number) t.get("refunded_fen")).longValue(), "not refunded twice");
        assertEquals(1, ((Map<?, ?>) t.get("refunds")).size(), "one refund number: " + t);
        assertEquals("CANCELLED", Env.settlement(p.settlementId()).get("state"));
    }

    @Test
    void supervisorApprovalRequiredWhenAServiceIsPresent() throws Exception {
        String order = Env.pay(Env.ineligibleSale(), Sales.alipay("00"));
        engine = Env.engine(clock, (code, pin) -> "S01".equals(code) && "1234".equals(pin));
        assertTrue(engine.approvalRequired());
        assertEquals(Refusal.APPROVAL_REQUIRED, engine.rollBack(order, CASHIER, null).get(30, TimeUnit.SECONDS).refusal());
        assertEquals(Refusal.APPROVAL_DENIED,
                engine.rollBack(order, CASHIER, new Approval("S01", "9999")).get(30, TimeUnit.SECONDS).refusal());
        assertTrue(Env.journal().find(order).isEmpty(), "refused before anything was journalled or sent");
        assertEquals(RollBackOutcome.Result.REFUNDED,
                engine.rollBack(order, CASHIER, new Approval("S01", "1234")).get(30, TimeUnit.SECONDS).result());
    }

    private static void awaitState(String order, String state, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (Env.journal().find(order).map(r -> r.state.equals(state)).orElse(false)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("refund " + order + " not " + state + " within " + millis + " ms: "
                + Env.journal().find(order));
    }
}
