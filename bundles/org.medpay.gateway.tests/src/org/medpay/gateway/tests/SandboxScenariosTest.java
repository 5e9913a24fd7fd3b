package org.medpay.gateway.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.gateway.tests.Fixtures.CASHIER;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.scan.ScannedCode;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.CancelResult;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.ChannelRefundRequest;
import org.medpay.gateway.api.ChannelResult;
import org.medpay.gateway.api.ChannelStatus;
import org.medpay.gateway.api.ChannelTradeRef;
import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.GatewayException.UnknownCause;
import org.medpay.gateway.api.InsuranceCancel;
import org.medpay.gateway.api.InsuranceRequest;
import org.medpay.gateway.api.InsuranceSettlement;
import org.medpay.gateway.api.ReconciliationReport;
import org.medpay.gateway.api.RefundResult;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.api.RegionPolicy;
import org.medpay.gateway.national.MessageIds;
import org.medpay.gateway.sandbox.simulator.Simulator;
import org.medpay.gateway.sandbox.simulator.SimulatorSettings;
import org.medpay.testing.MutableClock;
import org.medpay.testing.Sales;
import org.osgi.service.cm.Configuration;

/**
 * Every simulator scenario through the sandbox RegionGateway service, over real HTTP on loopback: the
 * sandbox component is pointed (Config Admin) at a simulator this test owns, so the test can read its
 * ledger and move its clock.
 */
class SandboxScenariosTest {

    static Simulator sim;
    static MutableClock simClock;
    static Configuration config;
    static RegionGateway gw;

    @BeforeAll
    static void start() throws Exception {
        SimulatorSettings s = new SimulatorSettings();
        s.slowDelayMillis = 5_000; // well beyond the client timeout, which is generous for a loaded build machine
        sim = new Simulator(s).start(0);
        simClock = new MutableClock(Instant.now());
        sim.setClock(simClock);
        config = Fixtures.configure("org.medpay.gateway.sandbox",
                Map.of("simulatorUrl", sim.baseUri().toString(), "requestTimeoutMillis", "3000"));
        gw = Fixtures.gateway("(medpay.region=999999)(simulatorUrl=" + sim.baseUri() + ")");
    }

    @AfterAll
    static void stop() throws Exception {
        config.delete();
        sim.close();
    }

    @BeforeEach
    void defaults() {
        sim.settings().wechatReverseMinSeconds = 15;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> trade(String outTradeNo) {
        return (Map<String, Object>) ((Map<String, Object>) sim.ledgerSnapshot().get("trades")).get(outTradeNo);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> settlement(String setlId) {
        return (Map<String, Object>) ((Map<String, Object>) sim.ledgerSnapshot().get("settlements")).get(setlId);
    }

    @Test
    void sandboxIsATrainingRegionWithTheProcedurePolicy() {
        assertEquals("999999", gw.regionCode());
        assertTrue(gw.isTraining(), "the UI must show training mode");
        assertEquals("沙箱", gw.displayName(), "the UI adds (培训模式) itself for a training region");
        assertEquals(RegionPolicy.PROCEDURE_DEFAULT, gw.policy());
    }

    // ---------------------------------------------------------------- insurance leg

    @Test
    void boundBuyerSettlesFromTheAccountAndCancelRestoresTheBalance() throws Exception {
        BuyerIdentity buyer = gw.identify(Sales.evoucher("00"), CASHIER);
        assertTrue(buyer.insuranceBound());
        assertNotNull(buyer.personNo());
        assertEquals(Money.ofFen(50_000), buyer.accountBalance());
        assertNull(buyer.channel());

        InsuranceRequest pre = Fixtures.insurance(gw, buyer, 1_250, 250);
        InsuranceSettlement quote = gw.preSettle(pre);
        assertEquals(Money.ofFen(1_500), quote.accountPaid());
        assertEquals(Money.ZERO, quote.cashPart());

        InsuranceRequest req = Fixtures.insurance(gw, buyer, 1_250, 250);
        InsuranceSettlement s = gw.settle(req);
        assertEquals(Money.ofFen(1_500), s.total());
        assertEquals(Money.ofFen(1_500), s.accountPaid());
        assertEquals(Money.ofFen(48_500), s.balanceAfter());
        assertEquals("BOOKED", settlement(s.settlementId()).get("state"));
        assertEquals(req.messageId(), settlement(s.settlementId()).get("msgid"));

        gw.cancelSettlement(new InsuranceCancel(gw.nextMessageId(), s.settlementId(), s.visitId(), buyer.personNo(), CASHIER));
        assertEquals("CANCELLED", settlement(s.settlementId()).get("state"));
        assertEquals(Money.ofFen(50_000), gw.identify(new ScannedCode(buyer.certNo(), Sales.evoucher("00").kind(), "again"),
                CASHIER).accountBalance());
        GatewayException.DefiniteFailure twice = assertThrows(GatewayException.DefiniteFailure.class,
                () -> gw.cancelSettlement(new InsuranceCancel(gw.nextMessageId(), s.settlementId(), s.visitId(),
                        buyer.personNo(), CASHIER)));
        assertTrue(twice.platformMessage().contains("已撤销"));
    }

    @Test
    void cancellingAnUnknownSettlementFails() throws Exception {
        BuyerIdentity buyer = gw.identify(Sales.evoucher("01"), CASHIER);
        GatewayException.DefiniteFailure f = assertThrows(GatewayException.DefiniteFailure.class,
                () -> gw.cancelSettlement(new InsuranceCancel(gw.nextMessageId(), "SETL-NOPE", "M", buyer.personNo(), CASHIER)));
        assertEquals(FailureReason.TRADE_NOT_FOUND, f.reason());
    }

    @Test
    void balanceShortIsRefusedAsBalanceInsufficient() throws Exception {
        BuyerIdentity buyer = gw.identify(Sales.evoucher("10"), CASHIER);
        assertTrue(buyer.insuranceBound());
        assertEquals(Money.ofFen(100), buyer.accountBalance());
        GatewayException.DefiniteFailure f = assertThrows(GatewayException.DefiniteFailure.class,
                () -> gw.settle(Fixtures.insurance(gw, buyer, 1_250)));
        assertEquals(FailureReason.BALANCE_INSUFFICIENT, f.reason(), "N-1: fall back to Alipay/WeChat");
        assertFalse(f.platformMessage().isEmpty());
    }

    @Test
    void unboundPaymentCodeIdentifiesAnUnboundBuyerAndUnboundVoucherFails() throws Exception {
        ScannedCode code = Sales.alipay("20");
        BuyerIdentity buyer = gw.identify(code, CASHIER);
        assertFalse(buyer.insuranceBound());
        assertEquals(PaymentChannel.ALIPAY, buyer.channel());
        assertEquals(code.text(), buyer.paymentCode());
        assertEquals(FailureReason.BUYER_NOT_BOUND, assertThrows(GatewayException.DefiniteFailure.class,
                () -> gw.identify(Sales.evoucher("20"), CASHIER)).reason());
        // And the channel leg still works for that buyer.
        assertEquals(ChannelStatus.PAID, gw.pay(Fixtures.payRequest(PaymentChannel.ALIPAY, code, 990)).status());
    }

    @Test
    void expiredVoucherAsksForARescan() {
        assertEquals(FailureReason.CODE_EXPIRED, assertThrows(GatewayException.DefiniteFailure.class,
                () -> gw.identify(Sales.evoucher("55"), CASHIER)).reason());
    }

    @Test
    void settleSystemErrorIsUnknownAndReversalVoidsIt() throws Exception {
        ScannedCode code = Sales.evoucher("60");
        BuyerIdentity buyer = gw.identify(code, CASHIER);
        InsuranceRequest req = Fixtures.insurance(gw, buyer, 2_000);
        GatewayException.UnknownOutcome u = assertThrows(GatewayException.UnknownOutcome.class, () -> gw.settle(req));
        assertEquals(UnknownCause.SERVER_ERROR, u.kind());
        // The platform did book it: only the reversal makes it void.
        assertEquals(Money.ofFen(48_000), gw.identify(code, CASHIER).accountBalance());
        gw.reverse(req.messageId(), "2102", CASHIER);
        assertEquals(Money.ofFen(50_000), gw.identify(code, CASHIER).accountBalance());
        // A late copy of the original is refused, so it can never book after the reversal.
        GatewayException.DefiniteFailure late = assertThrows(GatewayException.DefiniteFailure.class, () -> gw.settle(req));
        assertTrue(late.platformMessage().contains("冲正"), late.platformMessage());
    }

    @Test
    void reversalOfACallThatNeverArrivedSucceedsAndVoidsTheMsgid() throws Exception {
        BuyerIdentity buyer = gw.identify(Sales.evoucher("02"), CASHIER);
        InsuranceRequest req = Fixtures.insurance(gw, buyer, 800);
        gw.reverse(req.messageId(), "2102", CASHIER);
        assertThrows(GatewayException.DefiniteFailure.class, () -> gw.settle(req));
        assertEquals(Money.ofFen(50_000), gw.identify(new ScannedCode(buyer.certNo(), Sales.evoucher("02").kind(), "r"),
                CASHIER).accountBalance());
    }

    @Test
    void settleSlowAnswerTimesOutAndResetAndMalformedAreUnknown() throws Exception {
        for (String[] c : new String[][] { { "70", "TIMEOUT" }, { "80", "CONNECTION_LOST" }, { "90", "MALFORMED_RESPONSE" } }) {
            BuyerIdentity buyer = gw.identify(Sales.evoucher(c[0]), CASHIER);
            GatewayException.UnknownOutcome u = assertThrows(GatewayException.UnknownOutcome.class,
                    () -> gw.settle(Fixtures.insurance(gw, buyer, 500)));
            assertEquals(UnknownCause.valueOf(c[1]), u.kind(), c[0]);
        }
    }

    @Test
    void reconciliationListsTheDaysSettlementsAndExcludesCancelledOnes() throws Exception {
        BuyerIdentity buyer = gw.identify(Sales.evoucher("03"), CASHIER);
        InsuranceSettlement kept = gw.settle(Fixtures.insurance(gw, buyer, 700));
        InsuranceSettlement undone = gw.settle(Fixtures.insurance(gw, buyer, 300));
        gw.cancelSettlement(new InsuranceCancel(gw.nextMessageId(), undone.settlementId(), undone.visitId(), buyer.personNo(),
                CASHIER));
        ReconciliationReport r = gw.reconcile(LocalDate.ofInstant(simClock.instant(), ZoneId.of("Asia/Shanghai")));
        ReconciliationReport.Line k = r.lines().stream().filter(l -> l.reference().equals(kept.settlementId())).findFirst()
                .orElseThrow();
        ReconciliationReport.Line u = r.lines().stream().filter(l -> l.reference().equals(undone.settlementId()))
                .findFirst().orElseThrow();
        assertEquals(Money.ofFen(700), k.amount());
        assertFalse(k.reversedOrRefunded());
        assertTrue(u.reversedOrRefunded());
        long expected = 0;
        for (ReconciliationReport.Line l : r.lines()) {
            expected += l.reversedOrRefunded() ? 0 : l.amount().fen();
        }
        assertEquals(Money.ofFen(expected), r.total());
        assertEquals(0, gw.reconcile(LocalDate.of(2001, 1, 1)).lines().size());
    }

    @Test
    void messageIdsHaveTheNationalFormatAndAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String id = gw.nextMessageId();
            assertTrue(MessageIds.FORMAT.matcher(id).matches(), id);
            assertTrue(id.startsWith("P99999900001"), id);
            assertEquals(30, id.length());
            assertTrue(seen.add(id), "duplicate msgid " + id);
        }
    }

    // ---------------------------------------------------------------- channel leg

    @ParameterizedTest
    @EnumSource(value = PaymentChannel.class, names = { "ALIPAY", "WECHAT" })
    void happyPayIsChargedOnceEvenWhenTheSameOrderIsPaidAgain(PaymentChannel c) throws Exception {
        ChannelPayRequest req = Fixtures.payRequest(c, Fixtures.code(c, "00"), 1_250);
        ChannelResult r = gw.pay(req);
        assertEquals(ChannelStatus.PAID, r.status());
        assertEquals(Money.ofFen(1_250), r.amount());
        assertNotNull(r.tradeNo());
        assertNotNull(r.paidAt());
        assertEquals(ChannelStatus.PAID, gw.query(new ChannelTradeRef(c, req.outTradeNo())).status());
        GatewayException.DefiniteFailure again = assertThrows(GatewayException.DefiniteFailure.class, () -> gw.pay(req));
        assertEquals(FailureReason.TRADE_ALREADY_PAID, again.reason());
        assertEquals(1, trade(req.outTradeNo()).get("charged"));
        assertEquals(2, trade(req.outTradeNo()).get("pay_calls"));
    }

    @ParameterizedTest
    @EnumSource(value = PaymentChannel.class, names = { "ALIPAY", "WECHAT" })
    void buyerConfirmingAfterSecondsIsPayingThenPaid(PaymentChannel c) throws Exception {
        ChannelPayRequest req = Fixtures.payRequest(c, Fixtures.code(c, "33"), 2_000);
        assertEquals(ChannelStatus.PAYING, gw.pay(req).status(), "10003/USERPAYING is not a failure");
        ChannelTradeRef ref = new ChannelTradeRef(c, req.outTradeNo());
        simClock.advance(Duration.ofSeconds(2));
        assertEquals(ChannelStatus.PAYING, gw.query(ref).status());
        simClock.advance(Duration.ofSeconds(1));
        assertEquals(ChannelStatus.PAID, gw.query(ref).status());
        assertEquals(1, trade(req.outTradeNo()).get("charged"));
    }

    @ParameterizedTest
    @EnumSource(value = PaymentChannel.class, names = { "ALIPAY", "WECHAT" })
    void buyerWhoNeverConfirmsIsCancelledAndNothingIsCharged(PaymentChannel c) throws Exception {
        ChannelPayRequest req = Fixtures.payRequest(c, Fixtures.code(c, "40"), 2_000);
        assertEquals(ChannelStatus.PAYING, gw.pay(req).status());
        ChannelTradeRef ref = new ChannelTradeRef(c, req.outTradeNo());
        simClock.advance(Duration.ofSeconds(5));
        if (c == PaymentChannel.WECHAT) {
            // WeChat refuses a reverse within 15 s of the pay call and asks to call again.
            CancelResult early = gw.cancel(ref);
            assertFalse(early.done());
            assertTrue(early.retry());
        }
        simClock.advance(Duration.ofSeconds(30));
        assertEquals(ChannelStatus.PAYING, gw.query(ref).status());
        simClock.advance(Duration.ofSeconds(30));
        // 65 s after the pay call WeChat has revoked the unpaid order itself; Alipay waits for timeout_express (2m).
        assertEquals(c == PaymentChannel.WECHAT ? ChannelStatus.NOT_PAID : ChannelStatus.PAYING, gw.query(ref).status());
        // Either way the till still cancels/reverses, and that succeeds.
        CancelResult done = gw.cancel(ref);
        assertTrue(done.done());
        assertFalse(done.retry());
        assertEquals(ChannelStatus.NOT_PAID, gw.query(ref).status());
        assertEquals(0, trade(req.outTradeNo()).get("charged"));
        // A late payment attempt under the same number is refused: the trade is closed for good.
        assertEquals(FailureReason.TRADE_CLOSED, assertThrows(GatewayException.DefiniteFailure.class,
                () -> gw.pay(req)).reason());
    }

    @ParameterizedTest
    @EnumSource(value = PaymentChannel.class, names = { "ALIPAY", "WECHAT" })
    void aBuyerWhoConfirmsAfterThePlatformGaveUpIsNotCharged(PaymentChannel c) throws Exception {
        sim.settings().confirmAfterSeconds = 200; // x30 = the configured delay: beyond WeChat 45 s and Alipay 2 min
        try {
            ChannelPayRequest req = Fixtures.payRequest(c, Fixtures.code(c, "30"), 1_500);
            assertEquals(ChannelStatus.PAYING, gw.pay(req).status());
            simClock.advance(Duration.ofSeconds(300));
            assertEquals(ChannelStatus.NOT_PAID, gw.query(new ChannelTradeRef(c, req.outTradeNo())).status());
            assertEquals(0, trade(req.outTradeNo()).get("charged"));
        } finally {
            sim.settings().confirmAfterSeconds = 10;
        }
    }

    @ParameterizedTest
    @EnumSource(value = PaymentChannel.class, names = { "ALIPAY", "WECHAT" })
    void cancellingAPaidTradeRefundsIt(PaymentChannel c) throws Exception {
        sim.settings().wechatReverseMinSeconds = 0;
        ChannelPayRequest req = Fixtures.payRequest(c, Fixtures.code(c, "01"), 3_000);
        assertEquals(ChannelStatus.PAID, gw.pay(req).status());
        CancelResult r = gw.cancel(new ChannelTradeRef(c, req.outTradeNo()));
        assertTrue(r.done());
        if (c == PaymentChannel.ALIPAY) {
            assertEquals("refund", r.action());
        }
        assertEquals(0L, trade(req.outTradeNo()).get("net_fen"));
        assertEquals(ChannelStatus.NOT_PAID, gw.query(new ChannelTradeRef(c, req.outTradeNo())).status());
    }

    @ParameterizedTest
    @EnumSource(value = PaymentChannel.class, names = { "ALIPAY", "WECHAT" })
    void cancellingATradeThePlatformNeverSawClosesItForGood(PaymentChannel c) throws Exception {
        sim.settings().wechatReverseMinSeconds = 0;
        ChannelPayRequest req = Fixtures.payRequest(c, Fixtures.code(c, "00"), 500);
        ChannelTradeRef ref = new ChannelTradeRef(c, req.outTradeNo());
        assertEquals(ChannelStatus.NOT_PAID, gw.query(ref).status());
        assertTrue(gw.cancel(ref).done());
        assertThrows(GatewayException.DefiniteFailure.class, () -> gw.pay(req));
        assertEquals(0, trade(req.outTradeNo()).get("charged"));
    }

    @ParameterizedTest
    @EnumSource(value = PaymentChannel.class, names = { "ALIPAY", "WECHAT" })
    void expiredCodeAndDeclinedWalletAreDefinite(PaymentChannel c) {
        assertEquals(FailureReason.CODE_EXPIRED, assertThrows(GatewayException.DefiniteFailure.class,
                () -> gw.pay(Fixtures.payRequest(c, Fixtures.code(c, "50"), 100))).reason());
        assertEquals(FailureReason.PAYMENT_DECLINED, assertThrows(GatewayException.DefiniteFailure.class,
                () -> gw.pay(Fixtures.payRequest(c, Fixtures.code(c, "45"), 100))).reason());
    }

    @ParameterizedTest
    @EnumSource(value = PaymentChannel.class, names = { "ALIPAY", "WECHAT" })
    void systemErrorIsUnknownAndQueryFindsThePayment(PaymentChannel c) throws Exception {
        ChannelPayRequest req = Fixtures.payRequest(c, Fixtures.code(c, "60"), 1_000);
        GatewayException.UnknownOutcome u = assertThrows(GatewayException.UnknownOutcome.class, () -> gw.pay(req));
        assertEquals(UnknownCause.PLATFORM_SYSTEM_ERROR, u.kind());
        assertEquals(ChannelStatus.PAID, gw.query(new ChannelTradeRef(c, req.outTradeNo())).status());
    }

    @ParameterizedTest
    @EnumSource(value = PaymentChannel.class, names = { "ALIPAY", "WECHAT" })
    void slowResetAndMalformedAnswersAreUnknownOutcomes(PaymentChannel c) throws Exception {
        for (String[] s : new String[][] { { "70", "TIMEOUT" }, { "80", "CONNECTION_LOST" }, { "90", "MALFORMED_RESPONSE" } }) {
            ChannelPayRequest req = Fixtures.payRequest(c, Fixtures.code(c, s[0]), 1_000);
            GatewayException.UnknownOutcome u = assertThrows(GatewayException.UnknownOutcome.class, () -> gw.pay(req));
            assertEquals(UnknownCause.valueOf(s[1]), u.kind(), c + " " + s[0]);
            // In every case the platform booked it; the till must ask.
            assertEquals(ChannelStatus.PAID, gw.query(new ChannelTradeRef(c, req.outTradeNo())).status());
            assertEquals(1, trade(req.outTradeNo()).get("charged"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = PaymentChannel.class, names = { "ALIPAY", "WECHAT" })
    void refundsAreIdempotentByRequestNumberAndNeverExceedThePayment(PaymentChannel c) throws Exception {
        ChannelPayRequest pay = Fixtures.payRequest(c, Fixtures.code(c, "04"), 1_000);
        assertEquals(ChannelStatus.PAID, gw.pay(pay).status());
        ChannelRefundRequest r1 = new ChannelRefundRequest(c, pay.outTradeNo(), pay.outTradeNo() + "R1", Money.ofFen(300),
                "退货", CASHIER);
        RefundResult first = gw.refund(r1);
        assertEquals(Money.ofFen(300), first.refundedTotal());
        RefundResult repeated = gw.refund(r1);
        assertEquals(Money.ofFen(300), repeated.refundedTotal(), "the same out_request_no refunds at most once");
        ChannelRefundRequest tooMuch = new ChannelRefundRequest(c, pay.outTradeNo(), pay.outTradeNo() + "R2",
                Money.ofFen(800), "退货", CASHIER);
        assertEquals(FailureReason.REFUND_NOT_ALLOWED,
                assertThrows(GatewayException.DefiniteFailure.class, () -> gw.refund(tooMuch)).reason());
        RefundResult rest = gw.refund(new ChannelRefundRequest(c, pay.outTradeNo(), pay.outTradeNo() + "R3",
                Money.ofFen(700), "退货", CASHIER));
        assertEquals(Money.ofFen(1_000), rest.refundedTotal());
        assertEquals(1_000L, trade(pay.outTradeNo()).get("refunded_fen"));
        assertEquals(0L, trade(pay.outTradeNo()).get("net_fen"));
    }
}
