package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.payment.tests.ScriptedGateway.lost;
import static org.medpay.payment.tests.ScriptedGateway.no;
import static org.medpay.payment.tests.ScriptedGateway.result;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.gateway.api.CancelResult;
import org.medpay.gateway.api.ChannelStatus;
import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionPolicy;
import org.medpay.payment.AttemptState;
import org.medpay.payment.FailureKind;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.PaymentProgress;
import org.medpay.payment.internal.AttemptRow;
import org.medpay.payment.internal.EventRow;
import org.medpay.payment.internal.GatewayDirectory;
import org.medpay.payment.internal.JpaJournal;
import org.medpay.payment.internal.SettlementEngine;
import org.medpay.payment.internal.Timing;
import org.medpay.testing.Sales;

/**
 * The state machine, transition by transition, against a scripted gateway and the real journal on
 * Derby, in virtual time (N-3's 60 s pass instantly).
 */
class SettlementEngineTest {

    private static final OperatorRef CASHIER = new OperatorRef("C01", "李收银");

    private JpaJournal journal;
    private ManualScheduler sched;
    private ScriptedGateway gw;
    private GatewayDirectory dir;
    private SettlementEngine engine;
    private String region;
    private final List<PaymentProgress> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        journal = Fixture.journal();
        region = Fixture.freshRegion();
        sched = new ManualScheduler(Instant.parse("2026-11-26T02:00:00Z"));
        gw = new ScriptedGateway(region, sched.clock, journal);
        dir = new GatewayDirectory();
        dir.add("ref1", region, 0, 1, gw);
        engine = new SettlementEngine(journal, dir, sched.clock, sched, Timing.PROCEDURE, region, Fixture.TILL);
    }

    @AfterEach
    void tearDown() {
        engine.close();
        assertEquals(List.of(), gw.journalViolations, "journal first: every number is durable before its request");
    }

    private CompletableFuture<PaymentOutcome> start(Sale sale, ScannedCode code) {
        return engine.settle(sale, code, CASHIER, progress::add);
    }

    private PaymentOutcome settle(Sale sale, ScannedCode code, Duration within) {
        CompletableFuture<PaymentOutcome> f = start(sale, code);
        sched.runFor(within);
        assertTrue(f.isDone(), "no outcome within " + within + "; calls " + gw.calls);
        return f.getNow(null);
    }

    private AttemptRow row(PaymentOutcome o) {
        return journal.find(o.attemptId()).orElseThrow();
    }

    private List<String> states(PaymentOutcome o) {
        return journal.events(o.attemptId()).stream().map(e -> e.state).toList();
    }

    // ---------------------------------------------------------------- routing through the engine

    @Test
    void n2SaleGoesStraightToTheWalletWithoutIdentifying() {
        PaymentOutcome o = settle(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertTrue(o.paid());
        assertEquals(List.of("pay"), gw.methods(), "N-2: no 1101/2102 for an ineligible sale");
        assertEquals(List.of(new org.medpay.payment.PaymentLeg(PaymentChannel.ALIPAY, Money.ofFen(2890), o.attemptId())), o.legs());
        assertEquals(o.attemptId(), row(o).outTradeNo, "the attempt number is the out_trade_no");
        assertEquals(List.of("CREATED", "PAID"), states(o), "N-2 routes at creation: two commits");
        assertFalse(o.fellBackToChannel());
    }

    @Test
    void n1BoundBuyerWithBalancePaysFromTheAccount() {
        gw.then("identify", () -> ScriptedGateway.bound(10_000, PaymentChannel.ALIPAY, "28"))
                .then("settle", () -> ScriptedGateway.settlement(2500, 2500, 0, 7500));
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertTrue(o.paid());
        assertEquals(List.of("identify", "settle"), gw.methods());
        assertEquals(1, o.legs().size());
        assertEquals(PaymentChannel.INSURANCE_ACCOUNT, o.legs().get(0).channel());
        assertEquals("S1", o.legs().get(0).reference());
        assertEquals(Money.ofFen(7500), o.balanceAfter());
        assertEquals(List.of("CREATED", "SETTLING_INSURANCE", "PAID"), states(o));
        assertTrue(progress.stream().anyMatch(p -> p.state() == AttemptState.IDENTIFYING), "1101 is reported");
        assertTrue(row(o).insMsgId.startsWith("H5101"), "the msgid was journalled");
    }

    @Test
    void n1KnownShortBalanceFallsBackToTheWholeAmountByWallet() {
        gw.then("identify", () -> ScriptedGateway.bound(1000, PaymentChannel.WECHAT, "13"));
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.WECHAT, Duration.ofSeconds(1));
        assertTrue(o.paid());
        assertTrue(o.fellBackToChannel());
        assertEquals(List.of("identify", "pay"), gw.methods());
        assertTrue(gw.calls.get(1).contains("WECHAT") && gw.calls.get(1).endsWith(" 2500"), gw.calls.get(1));
    }

    @Test
    void n1PlatformRefusingForBalanceFallsBackToo() {
        gw.then("identify", () -> ScriptedGateway.bound(-1, PaymentChannel.ALIPAY, "28"))
                .then("settle", () -> { throw no(FailureReason.BALANCE_INSUFFICIENT, "-1"); });
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertTrue(o.paid());
        assertTrue(o.fellBackToChannel());
        assertEquals(List.of("identify", "settle", "pay"), gw.methods());
        assertEquals(AttemptRow.REJECTED, row(o).insState);
    }

    @Test
    void n1CashPartUnderAllOrChannelUndoesTheSettlementThenTheWalletPaysAll() {
        gw.then("identify", () -> ScriptedGateway.bound(-1, PaymentChannel.ALIPAY, "28"))
                .then("settle", () -> ScriptedGateway.settlement(2500, 1000, 1500, 0));
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertTrue(o.paid());
        assertEquals(List.of("identify", "settle", "cancelSettlement", "pay"), gw.methods());
        assertTrue(gw.calls.get(3).endsWith(" 2500"), "the wallet pays the whole amount: " + gw.calls.get(3));
        assertEquals(1, o.legs().size());
        assertNull(o.balanceAfter(), "the cancelled 2102's balance is not reported");
    }

    @Test
    void splitPolicyPaysTwoLegs() {
        gw.policy = new RegionPolicy(RegionPolicy.SplitPolicy.ACCOUNT_THEN_CHANNEL, Money.ofFen(50_000),
                RegionPolicy.RegisterBasis.INSURANCE_AMOUNT, 0);
        gw.then("identify", () -> ScriptedGateway.bound(1000, PaymentChannel.ALIPAY, "28"))
                .then("settle", () -> ScriptedGateway.settlement(2500, 1000, 1500, 0));
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertTrue(o.paid());
        assertEquals(List.of("identify", "settle", "pay"), gw.methods());
        assertEquals(List.of(Money.ofFen(1000), Money.ofFen(1500)), o.legs().stream().map(l -> l.amount()).toList());
        assertEquals(Money.ZERO, o.balanceAfter());
    }

    @Test
    void twoLegPaymentWhoseSecondLegFailsCancelsTheFirst() {
        gw.policy = new RegionPolicy(RegionPolicy.SplitPolicy.ACCOUNT_THEN_CHANNEL, Money.ofFen(50_000),
                RegionPolicy.RegisterBasis.INSURANCE_AMOUNT, 0);
        gw.then("identify", () -> ScriptedGateway.bound(1000, PaymentChannel.ALIPAY, "28"))
                .then("settle", () -> ScriptedGateway.settlement(2500, 1000, 1500, 0))
                .then("pay", () -> { throw no(FailureReason.PAYMENT_DECLINED, "ACQ.BUYER_BALANCE_NOT_ENOUGH"); });
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertEquals(PaymentOutcome.Result.FAILED, o.result());
        assertEquals(FailureKind.PAYMENT_DECLINED, o.failure());
        assertEquals("ACQ.BUYER_BALANCE_NOT_ENOUGH", o.platformCode());
        assertEquals(List.of("identify", "settle", "pay", "cancelSettlement"), gw.methods());
        assertEquals(AttemptRow.CANCELLED, row(o).insState);
    }

    @Test
    void anEvoucherAloneForAnIneligibleSaleAsksForThePaymentCodeAndSendsNothing() {
        PaymentOutcome o = settle(Sales.ineligible(Fixture.NOW), Fixture.EVOUCHER, Duration.ofSeconds(1));
        assertEquals(FailureKind.NEEDS_PAYMENT_CODE, o.failure());
        assertEquals(List.of(), gw.methods());
    }

    @Test
    void garbageAndEmptySalesAreRefusedBeforeAnyJournalOrNetwork() {
        int before = journal.all().size();
        assertEquals(FailureKind.CODE_INVALID, settle(Sales.eligible(Fixture.NOW), Fixture.GARBAGE, Duration.ZERO).failure());
        assertEquals(FailureKind.EMPTY_SALE, settle(new Sale(), Fixture.ALIPAY, Duration.ZERO).failure());
        assertEquals(List.of(), gw.calls);
        assertEquals(before, journal.all().size());
    }

    @Test
    void pre2102ChecksCanStopTheInsuranceLeg() {
        engine.addCheck(ctx -> ctx.total().greaterThan(Money.ofFen(2000)) ? "须先登记 (P-1)" : null);
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertEquals(FailureKind.BLOCKED_BY_RULE, o.failure());
        assertEquals("须先登记 (P-1)", o.platformMessage());
        assertEquals(List.of("identify"), gw.methods(), "nothing booked");
    }

    // ---------------------------------------------------------------- platform answers

    @Test
    void codeExpiredIsReportedForARescan() {
        gw.then("pay", () -> { throw no(FailureReason.CODE_EXPIRED, "ACQ.PAYMENT_AUTH_CODE_INVALID"); });
        PaymentOutcome o = settle(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertEquals(FailureKind.CODE_EXPIRED, o.failure());
        assertEquals(List.of("pay"), gw.methods(), "a definite refusal needs no cancel");
    }

    @Test
    void platformRejectionKeepsItsReason() {
        gw.then("pay", () -> { throw no(FailureReason.REJECTED, "ACQ.TRADE_HAS_CLOSE"); });
        PaymentOutcome o = settle(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertEquals(FailureKind.REJECTED, o.failure());
        assertEquals("平台: ACQ.TRADE_HAS_CLOSE", o.platformMessage());
    }

    @Test
    void buyerConfirmingAfterEightSecondsIsPaidByPolling() {
        gw.then("pay", () -> result("x", ChannelStatus.PAYING, 0))
                .then("query", () -> result("x", ChannelStatus.PAYING, 0))
                .then("query", () -> result("x", ChannelStatus.PAID, 2890));
        CompletableFuture<PaymentOutcome> f = start(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY);
        sched.runFor(Duration.ofSeconds(1));
        assertFalse(f.isDone());
        assertTrue(progress.stream().anyMatch(p -> p.state() == AttemptState.PAYING && p.secondsLeft() == 60));
        sched.runFor(Duration.ofSeconds(10));
        assertTrue(f.getNow(null).paid());
        assertEquals(List.of("pay", "query", "query"), gw.methods());
        long t0 = gw.callTimes.get(0);
        for (int i = 1; i < gw.callTimes.size(); i++) {
            long gap = gw.callTimes.get(i) - gw.callTimes.get(i - 1);
            assertTrue(gap >= 3000 && gap <= 5000, "poll every 3-5 s, was " + gap);
        }
        assertEquals(8000, gw.callTimes.get(2) - t0);
        assertEquals(List.of("CREATED", "PAYING", "PAID"), states(f.getNow(null)));
    }

    @Test
    void n3BuyerNotConfirmingIn60SecondsIsCancelledAndFails() {
        gw.then("pay", () -> result("x", ChannelStatus.PAYING, 0));
        CompletableFuture<PaymentOutcome> f = start(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY);
        sched.runFor(Duration.ofSeconds(59));
        assertFalse(f.isDone(), "still inside the window");
        assertTrue(progress.stream().anyMatch(p -> p.secondsLeft() > 0 && p.secondsLeft() < 10), "the countdown was reported");
        sched.runFor(Duration.ofSeconds(5));
        PaymentOutcome o = f.getNow(null);
        assertEquals(FailureKind.NOT_CONFIRMED_IN_TIME, o.failure());
        List<String> m = gw.methods();
        assertEquals("cancel", m.get(m.size() - 1));
        assertTrue(gw.count("query") >= 12 && gw.count("query") <= 20, "polled " + gw.count("query"));
        long cancelAt = gw.callTimes.get(m.size() - 1) - gw.callTimes.get(0);
        assertTrue(cancelAt >= 60_000 && cancelAt < 61_000, "cancel at " + cancelAt);
        assertEquals(AttemptRow.CANCELLED, row(o).chState);
    }

    @Test
    void lateConfirmationFoundAtTheDeadlineIsStillPaid() {
        gw.then("pay", () -> result("x", ChannelStatus.PAYING, 0));
        for (int i = 0; i < 14; i++) {
            gw.then("query", () -> result("x", ChannelStatus.PAYING, 0));
        }
        gw.then("query", () -> result("x", ChannelStatus.PAID, 2890));
        PaymentOutcome o = settle(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(70));
        assertTrue(o.paid());
        assertEquals(0, gw.count("cancel"));
    }

    @Test
    void cancelIsRetriedWhileThePlatformSaysRetry() {
        gw.then("pay", () -> result("x", ChannelStatus.PAYING, 0))
                .then("cancel", () -> new CancelResult(false, true, null))
                .then("cancel", () -> new CancelResult(false, true, null))
                .then("cancel", () -> new CancelResult(true, false, "refund"));
        PaymentOutcome o = settle(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(80));
        assertEquals(FailureKind.NOT_CONFIRMED_IN_TIME, o.failure());
        assertEquals(3, gw.count("cancel"));
    }

    @Test
    void weChatIsNotReversedWithin15SecondsNorWhileUserpaying() throws Exception {
        // SYSTEMERROR on pay, then the trade is gone: undo at once - but WeChat forbids a reverse before 15 s.
        gw.then("pay", () -> { throw lost(); })
                .then("query", () -> result("x", ChannelStatus.NOT_PAID, 0))
                .then("query", () -> result("x", ChannelStatus.NOT_PAID, 0));
        PaymentOutcome o = settle(Sales.ineligible(Fixture.NOW), Fixture.WECHAT, Duration.ofSeconds(30));
        assertEquals(FailureKind.NETWORK, o.failure());
        int cancel = gw.methods().indexOf("cancel");
        assertTrue(gw.callTimes.get(cancel) - gw.callTimes.get(0) >= 15_000, "reverse only after 15 s");

        // USERPAYING at the deadline: keep asking, reverse once WeChat itself has closed it.
        engine.close();
        setUp();
        gw.then("pay", () -> result("x", ChannelStatus.PAYING, 0));
        for (int i = 0; i < 17; i++) {
            gw.then("query", () -> result("x", ChannelStatus.PAYING, 0));
        }
        gw.then("query", () -> result("x", ChannelStatus.NOT_PAID, 0));
        PaymentOutcome late = settle(Sales.ineligible(Fixture.NOW), Fixture.WECHAT, Duration.ofSeconds(120));
        List<String> m = gw.methods();
        int first = m.indexOf("cancel");
        assertEquals("query", m.get(first - 1));
        assertEquals(1, gw.count("cancel"), "one reverse, after USERPAYING ended: " + m);
        assertEquals(FailureKind.NOT_CONFIRMED_IN_TIME, late.failure());
        assertTrue(gw.callTimes.get(first) - gw.callTimes.get(0) > 60_000, "USERPAYING held the reverse back");
    }

    @Test
    void lostPayAnswerIsQueriedAndPaidWhenThePlatformBookedIt() {
        gw.then("pay", () -> { throw lost(); })
                .then("query", () -> result("x", ChannelStatus.PAID, 2890));
        PaymentOutcome o = settle(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(10));
        assertTrue(o.paid());
        assertEquals(5000, gw.callTimes.get(1) - gw.callTimes.get(0), "query 5 s after SYSTEMERROR");
    }

    @Test
    void lostInsuranceAnswerIsReversedWithTheJournalledMsgid() {
        gw.then("identify", () -> ScriptedGateway.bound(10_000, null, null))
                .then("settle", () -> { throw lost(); });
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.EVOUCHER, Duration.ofSeconds(1));
        assertEquals(FailureKind.NETWORK, o.failure());
        AttemptRow a = row(o);
        assertEquals(List.of("identify", "settle", "reverse"), gw.methods());
        assertEquals("reverse " + a.insMsgId + " 2102", gw.calls.get(2));
        assertEquals(AttemptRow.REVERSED, a.insState);
    }

    @Test
    void failedCancelLeavesTheAttemptUnknownUntilTheBackgroundResolvesIt() {
        Sale sale = Sales.ineligible(Fixture.NOW);
        gw.then("pay", () -> result("x", ChannelStatus.PAYING, 0))
                .then("cancel", () -> { throw lost(); })
                .then("cancel", () -> { throw lost(); });
        CompletableFuture<PaymentOutcome> f = start(sale, Fixture.ALIPAY);
        sched.runFor(Duration.ofSeconds(61));
        PaymentOutcome o = f.getNow(null);
        assertEquals(PaymentOutcome.Result.UNKNOWN, o.result());
        assertEquals(AttemptState.UNKNOWN.name(), row(o).state);
        assertTrue(engine.hasUnresolved(sale.id()));

        // No new attempt for the sale while the first is unresolved (N-3 + invariant 1).
        PaymentOutcome refused = settle(sale, Fixture.ALIPAY, Duration.ZERO);
        assertEquals(FailureKind.EARLIER_ATTEMPT_UNRESOLVED, refused.failure());
        assertEquals(1, gw.count("pay"));

        sched.runFor(Duration.ofSeconds(60));
        AttemptRow a = row(o);
        assertEquals("FAILED", a.state);
        assertEquals("DONE", a.phase);
        assertEquals(3, gw.count("cancel"));
        assertTrue(states(o).contains("UNKNOWN"), "UNKNOWN-then-resolved is in the event log");
        assertFalse(engine.hasUnresolved(sale.id()));

        // A rescan is a new attempt with a new number.
        PaymentOutcome again = settle(sale, Fixture.ALIPAY, Duration.ofSeconds(1));
        assertTrue(again.paid());
        assertFalse(again.attemptId().equals(o.attemptId()));
    }

    // ---------------------------------------------------------------- recovery and regions

    private int rows;

    private AttemptRow openRow(String insState, String chState, String channel) {
        AttemptRow a = Fixture.openAttempt("MPREC", region, sched.clock.millis() - 20_000 + rows++, 2500);
        a.insState = insState;
        a.insMsgId = "MSG" + a.id;
        a.insSettleId = "S9";
        a.chState = chState;
        a.channel = channel;
        journal.create(a, "test: left open by a crash");
        return a;
    }

    @Test
    void recoveryCompletesWhatThePlatformPaidAndUndoesTheRest() {
        AttemptRow paid = openRow(AttemptRow.NONE, AttemptRow.PAYING, "ALIPAY");
        AttemptRow halfInsurance = openRow(AttemptRow.PLANNED, AttemptRow.NONE, null);
        AttemptRow settledThenChannel = openRow(AttemptRow.SETTLED, AttemptRow.PLANNED, "ALIPAY");
        gw.then("query", () -> result(paid.id, ChannelStatus.PAID, 2500))
                .then("query", () -> { throw no(FailureReason.TRADE_NOT_FOUND, "ACQ.TRADE_NOT_EXIST"); });
        engine.recover();
        sched.runFor(Duration.ofSeconds(5));
        assertEquals("PAID", journal.find(paid.id).orElseThrow().state);
        AttemptRow h = journal.find(halfInsurance.id).orElseThrow();
        assertEquals("FAILED", h.state);
        assertEquals(AttemptRow.REVERSED, h.insState);
        assertTrue(gw.calls.contains("reverse " + halfInsurance.insMsgId + " 2102"));
        AttemptRow s = journal.find(settledThenChannel.id).orElseThrow();
        assertEquals("FAILED", s.state);
        assertEquals(AttemptRow.CANCELLED, s.chState, "the channel was cancelled in case the pay had left");
        assertEquals(AttemptRow.CANCELLED, s.insState, "and the settlement undone (2103)");
        assertEquals("INTERRUPTED", s.failure);
        assertEquals(0, engine.activeCount());
    }

    @Test
    void theRouteToTheAccountIsOnlyNotedAndACrashAfterThe2102ReversesTheMsgidOfTheCreation() {
        // Issue 4: the 2102 msgid is committed with the attempt, so the route after 1101 needs no commit.
        List<AttemptRow> committedAt2102 = new ArrayList<>();
        gw.then("identify", () -> ScriptedGateway.bound(10_000, PaymentChannel.ALIPAY, "28"))
                .then("settle", () -> {
                    committedAt2102.addAll(journal.all());
                    return ScriptedGateway.settlement(2500, 2500, 0, 7500);
                });
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertTrue(o.paid());
        AttemptRow atCrash = committedAt2102.stream().filter(r -> r.id.equals(o.attemptId())).findFirst().orElseThrow();
        assertEquals(AttemptRow.NONE, atCrash.insState, "the route to the account was noted, not committed");
        assertEquals(row(o).insMsgId, atCrash.insMsgId, "the msgid the 2102 carried was committed at creation");

        // A crash at that moment: the restart finds insurance NONE and the msgid, and voids it (2601).
        AttemptRow left = openRow(AttemptRow.NONE, AttemptRow.NONE, null);
        engine.recover();
        sched.runFor(Duration.ofSeconds(5));
        AttemptRow after = journal.find(left.id).orElseThrow();
        assertEquals("FAILED", after.state);
        assertEquals(AttemptRow.REVERSED, after.insState);
        assertTrue(gw.calls.contains("reverse " + left.insMsgId + " 2102"), gw.calls.toString());
    }

    @Test
    void anAttemptWithoutItsGatewayWaitsAndIsResolvedWhenOneAppears() {
        String gone = Fixture.freshRegion();
        AttemptRow a = openRow(AttemptRow.NONE, AttemptRow.PAYING, "ALIPAY");
        a.region = gone;
        a.updatedAt++;
        journal.update(a, "test: move to a region without gateway");
        engine.recover();
        sched.runFor(Duration.ofSeconds(5));
        assertFalse(journal.find(a.id).orElseThrow().phase.equals("DONE"), "stays in the journal");

        // DS greedy: the replacement binds before the old unbinds; track by reference, not region.
        ScriptedGateway first = new ScriptedGateway(gone, sched.clock, journal);
        first.then("query", () -> result(a.id, ChannelStatus.NOT_PAID, 0));
        dir.add("refA", gone, 0, 10, first);
        ScriptedGateway second = new ScriptedGateway(gone, sched.clock, journal);
        dir.add("refB", gone, 0, 11, second);
        dir.remove("refA");
        assertTrue(dir.find(gone).orElseThrow() == second, "the newer registration serves the region");
        sched.runFor(Duration.ofSeconds(30));
        AttemptRow resolved = journal.find(a.id).orElseThrow();
        assertEquals("DONE", resolved.phase, resolved.toString());
        assertEquals(AttemptRow.CANCELLED, resolved.chState);
        dir.remove("refB");
        assertTrue(dir.find(gone).isEmpty());
    }

    // ---------------------------------------------------------------- hot swap of the region's gateway (issue 8)

    @Test
    void hotSwapAPaymentWhoseGatewayGoesAwayMidPollWaitsAndIsPaidWhenTheRegionsGatewayReturns() {
        // Invariant 2: the buyer is confirming (PAYING) when the region bundle is stopped.
        gw.then("pay", () -> result("x", ChannelStatus.PAYING, 0));
        CompletableFuture<PaymentOutcome> f = start(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY);
        sched.runFor(Duration.ofSeconds(1));
        dir.remove("ref1");
        sched.runFor(Duration.ofSeconds(10));
        assertFalse(f.isDone(), "still within N-3's window: the cashier keeps waiting");
        String id = journal.all().stream().filter(r -> r.region.equals(region)).reduce((a, b) -> b).orElseThrow().id;
        AttemptRow parked = journal.find(id).orElseThrow();
        assertEquals("UNKNOWN", parked.state, "journalled as waiting for a gateway");
        assertEquals(AttemptRow.FORWARD, parked.phase);
        // The updated bundle's gateway: the buyer confirmed meanwhile. Resolved on bind, not at a back-off.
        ScriptedGateway updated = new ScriptedGateway(region, sched.clock, journal);
        updated.then("query", () -> result(id, ChannelStatus.PAID, 2890));
        dir.add("ref2", region, 0, 2, updated);
        sched.runFor(Duration.ofMillis(10));
        assertTrue(f.isDone());
        assertTrue(f.getNow(null).paid(), f.getNow(null).toString());
        assertEquals(List.of("query"), updated.methods(), "asked about the trade, never paid again");
        assertEquals(List.of("pay"), gw.methods(), "the stopped gateway was not asked again");
        assertEquals(0, engine.activeCount());
    }

    @Test
    void hotSwapAGatewayGoneLongerThanTheWindowLeavesTheCashierUnknownThenIsUndone() {
        gw.then("pay", () -> result("x", ChannelStatus.PAYING, 0));
        CompletableFuture<PaymentOutcome> f = start(Sales.ineligible(Fixture.NOW), Fixture.WECHAT);
        sched.runFor(Duration.ofSeconds(1));
        dir.remove("ref1");
        sched.runFor(Duration.ofSeconds(70));
        assertTrue(f.isDone(), "the 60 s window closed without a gateway");
        PaymentOutcome o = f.getNow(null);
        assertEquals(PaymentOutcome.Result.UNKNOWN, o.result());
        assertTrue(engine.hasUnresolved(row(o).saleId), "no rescan while it is open");
        ScriptedGateway back = new ScriptedGateway(region, sched.clock, journal);
        // The buyer is still USERPAYING: WeChat's rules for the reverse apply, then the trade is closed.
        dir.add("ref2", region, 0, 2, back);
        sched.runFor(Duration.ofSeconds(40));
        AttemptRow a = row(o);
        assertEquals("FAILED", a.state, a.toString());
        assertEquals(AttemptRow.CANCELLED, a.chState, "no late confirmation can charge the buyer");
        assertFalse(back.methods().contains("pay"));
    }

    @Test
    void hotSwapA1101LostBecauseTheRegionBundleWasUpdatedUnderItIsAskedAgainOfTheNewGateway() {
        ScriptedGateway updated = new ScriptedGateway(region, sched.clock, journal);
        gw.then("identify", () -> {
            dir.remove("ref1"); // Bundle.update(): the old service goes, the new one comes, the old client closes
            dir.add("ref2", region, 0, 2, updated);
            throw lost();
        });
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.EVOUCHER, Duration.ofSeconds(5));
        assertTrue(o.paid(), "1101 books nothing: asked again, not failed: " + o);
        assertEquals(List.of("identify"), gw.methods());
        assertEquals(List.of("identify", "settle"), updated.methods());
    }

    @Test
    void aLost1101WithTheSameGatewayStillFailsCleanly() {
        gw.then("identify", () -> { throw lost(); });
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.EVOUCHER, Duration.ofSeconds(5));
        assertEquals(FailureKind.NETWORK, o.failure());
        assertEquals(List.of("identify"), gw.methods());
    }

    @Test
    void hotSwapASaleWithoutAGatewayIsRefusedWithNothingJournalledOrSent() {
        dir.remove("ref1");
        int before = journal.all().size();
        PaymentOutcome o = settle(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(1));
        assertEquals(FailureKind.NO_GATEWAY, o.failure());
        assertNull(o.attemptId());
        assertEquals(before, journal.all().size());
        assertEquals(List.of(), gw.calls);
    }

    @Test
    void hotSwapAGatewayThatThrowsWhileItsBundleStopsMid2102IsAnUnknownOutcomeAndReversed() {
        // A stopped bundle's HTTP client may throw anything; the 2102 may have reached the platform.
        gw.then("identify", () -> ScriptedGateway.bound(10_000, PaymentChannel.ALIPAY, "28"))
                .then("settle", () -> { throw new IllegalStateException("HttpClient is stopped"); });
        PaymentOutcome o = settle(Sales.eligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(5));
        assertEquals(FailureKind.NETWORK, o.failure(), o.toString());
        assertEquals(List.of("identify", "settle", "reverse"), gw.methods(), "2601 voids the msgid; 2102 is never resent");
        assertEquals(AttemptRow.REVERSED, row(o).insState);
    }

    @Test
    void hotSwapAnAttemptInBackOffIsWokenWhenItsRegionsGatewayBindsAgain() {
        // The undo fails (platform unreachable): back-off 10 s, 20 s, ... A new gateway must not wait for it.
        gw.then("pay", () -> { throw lost(); });
        for (int i = 0; i < 20; i++) {
            gw.then("query", () -> { throw lost(); });
            gw.then("cancel", () -> { throw lost(); });
        }
        CompletableFuture<PaymentOutcome> f = start(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY);
        sched.runFor(Duration.ofSeconds(100));
        assertEquals(PaymentOutcome.Result.UNKNOWN, f.getNow(null).result());
        String id = f.getNow(null).attemptId();
        ScriptedGateway fresh = new ScriptedGateway(region, sched.clock, journal);
        fresh.then("cancel", () -> new CancelResult(true, false, "close"));
        dir.add("ref2", region, 0, 2, fresh);
        sched.runFor(Duration.ofMillis(10));
        AttemptRow a = journal.find(id).orElseThrow();
        assertEquals("FAILED", a.state, "resolved at the bind, not at the next back-off: " + a);
        dir.remove("ref1");
        assertTrue(dir.find(region).orElseThrow() == fresh);
    }

    @Test
    void everyStateChangeIsAnAppendOnlyEvent() {
        gw.then("pay", () -> result("x", ChannelStatus.PAYING, 0))
                .then("query", () -> result("x", ChannelStatus.PAID, 2890));
        PaymentOutcome o = settle(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY, Duration.ofSeconds(10));
        List<EventRow> events = journal.events(o.attemptId());
        assertEquals(row(o).eventCount, events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(o.attemptId() + "#" + (i + 1), events.get(i).id);
        }
        assertNotNull(events.get(0).detail);
        assertFalse(events.get(0).detail.contains(Fixture.ALIPAY.text()), "the payment code is masked in the journal");
        assertFalse(row(o).maskedCode.equals(Fixture.ALIPAY.text()));
    }
}
