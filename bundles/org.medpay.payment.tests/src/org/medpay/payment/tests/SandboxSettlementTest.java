package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.sandbox.simulator.Simulator;
import org.medpay.gateway.sandbox.simulator.SimulatorSettings;
import org.medpay.payment.AttemptState;
import org.medpay.payment.FailureKind;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.PaymentProgress;
import org.medpay.payment.PaymentService;
import org.medpay.payment.RegionInfo;
import org.medpay.payment.internal.AttemptRow;
import org.medpay.payment.internal.ExecutorTaskScheduler;
import org.medpay.payment.internal.GatewayDirectory;
import org.medpay.payment.internal.JpaJournal;
import org.medpay.payment.internal.SettlementEngine;
import org.medpay.payment.internal.Timing;
import org.medpay.testing.Sales;

/**
 * Integration over real HTTP: the settlement engine with the real sandbox gateway (Jetty client, national
 * envelope, Alipay/WeChat protocols) against the simulator (Jetty server on 127.0.0.1), one scenario per
 * scanned code, and the simulator's ledger checked after each: nothing lost, nothing charged twice.
 */
class SandboxSettlementTest {

    private static final OperatorRef CASHIER = new OperatorRef("C01", "李收银");
    private static final String REGION = "S999999"; // not the DS service's region: its recovery never sees these rows

    private static Simulator sim;
    private static RegionGateway gateway;
    private static JpaJournal journal;
    private static ExecutorTaskScheduler scheduler;
    private static SettlementEngine engine;
    private static GatewayDirectory dir;
    private static int seq;

    @BeforeAll
    static void start() throws Exception {
        sim = new Simulator(new SimulatorSettings()).start(0);
        gateway = sandboxGateway();
        journal = Fixture.journal();
        dir = new GatewayDirectory();
        dir.add("sandbox", REGION, 0, 1, gateway);
        scheduler = new ExecutorTaskScheduler(8);
        engine = new SettlementEngine(journal, dir, Clock.systemUTC(), scheduler, Timing.PROCEDURE, REGION, Fixture.TILL);
    }

    static RegionGateway sandboxGateway() throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("simulatorUrl", sim.baseUri().toString());
        props.put("requestTimeoutMillis", "2000"); // the SLOW scenario (3 s) becomes a lost answer
        // The sandbox's implementation class is internal: load it through its own bundle, as DS would.
        org.osgi.framework.Bundle sandbox = java.util.Arrays.stream(org.osgi.framework.FrameworkUtil
                .getBundle(SandboxSettlementTest.class).getBundleContext().getBundles())
                .filter(b -> "org.medpay.gateway.sandbox".equals(b.getSymbolicName())).findFirst().orElseThrow();
        return (RegionGateway) sandbox.loadClass("org.medpay.gateway.sandbox.internal.SandboxGateway")
                .getConstructor(Map.class, Clock.class).newInstance(props, Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
            scheduler.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static synchronized String unique(String prefix, int digits) {
        seq++;
        String n = String.valueOf(System.nanoTime() % 1_000_000_000L) + String.format("%04d", seq);
        n = (n + "0000000000000000000000").substring(0, digits);
        return prefix + n;
    }

    static ScannedCode alipay(String last2) {
        return new ScannedCode(unique("28", 14) + last2, ScannedCodeKind.ALIPAY_PAYMENT_CODE, "test");
    }

    static ScannedCode wechat(String last2) {
        return new ScannedCode(unique("13", 14) + last2, ScannedCodeKind.WECHAT_PAYMENT_CODE, "test");
    }

    static ScannedCode evoucher(String last2) {
        return new ScannedCode(unique("EC", 18) + last2, ScannedCodeKind.INSURANCE_EVOUCHER, "test");
    }

    static Sale eligible() {
        return Sales.eligible(Fixture.NOW); // ¥25.00, class A
    }

    static Sale ineligible() {
        return Sales.ineligible(Fixture.NOW); // ¥28.90, one unmatched line
    }

    private record Case(String name, Sale sale, ScannedCode code, PaymentOutcome.Result result, FailureKind failure,
            List<PaymentChannel> legs) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> trade(String outTradeNo) {
        return (Map<String, Object>) ((Map<String, Object>) sim.ledgerSnapshot().get("trades")).get(outTradeNo);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> settlementByMsgid(String msgid) {
        for (Object v : ((Map<String, Object>) sim.ledgerSnapshot().get("settlements")).values()) {
            Map<String, Object> s = (Map<String, Object>) v;
            if (msgid.equals(s.get("msgid"))) {
                return s;
            }
        }
        return null;
    }

    /** Ledger vs journal for one finished attempt. */
    private static void assertLedgerMatches(String name, PaymentOutcome o) {
        AttemptRow a = journal.find(o.attemptId()).orElseThrow();
        assertEquals(AttemptRow.DONE, a.phase, name + " resolved");
        Map<String, Object> t = a.outTradeNo == null ? null : trade(a.outTradeNo);
        long net = t == null ? 0 : ((Number) t.get("net_fen")).longValue();
        int charged = t == null ? 0 : ((Number) t.get("charged")).intValue();
        assertTrue(charged <= 1, name + ": charged " + charged + " times");
        Map<String, Object> s = a.insMsgId == null ? null : settlementByMsgid(a.insMsgId);
        boolean booked = s != null && "BOOKED".equals(s.get("state"));
        if (o.paid()) {
            assertEquals(AttemptRow.PAID.equals(a.chState) ? a.chAmountFen : 0, net, name + ": channel money");
            assertEquals(AttemptRow.SETTLED.equals(a.insState), booked, name + ": insurance booking");
        } else {
            assertEquals(0, net, name + ": a failed payment keeps no channel money");
            assertFalse(booked, name + ": a failed payment keeps no settlement");
        }
    }

    @Test
    void everyScenarioEndsPaidOrFailedWithItsMessageAndTheLedgerAgrees() throws Exception {
        List<Case> cases = List.of(
                new Case("alipay ok, N-2 sale", ineligible(), alipay("00"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.ALIPAY)),
                new Case("wechat ok, N-2 sale", ineligible(), wechat("00"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.WECHAT)),
                new Case("e-voucher, bound, rich", eligible(), evoucher("00"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.INSURANCE_ACCOUNT)),
                new Case("alipay code, bound, rich", eligible(), alipay("01"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.INSURANCE_ACCOUNT)),
                new Case("N-1 balance short -> alipay pays all", eligible(), alipay("10"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.ALIPAY)),
                new Case("N-1 balance short, e-voucher only", eligible(), evoucher("10"), PaymentOutcome.Result.FAILED, FailureKind.NEEDS_PAYMENT_CODE, List.of()),
                new Case("unbound -> wechat", eligible(), wechat("20"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.WECHAT)),
                new Case("alipay confirms after 3 s", ineligible(), alipay("33"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.ALIPAY)),
                new Case("wechat confirms after 2 s", ineligible(), wechat("32"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.WECHAT)),
                new Case("alipay declined", ineligible(), alipay("45"), PaymentOutcome.Result.FAILED, FailureKind.PAYMENT_DECLINED, List.of()),
                new Case("wechat declined", ineligible(), wechat("46"), PaymentOutcome.Result.FAILED, FailureKind.PAYMENT_DECLINED, List.of()),
                new Case("alipay code expired", ineligible(), alipay("50"), PaymentOutcome.Result.FAILED, FailureKind.CODE_EXPIRED, List.of()),
                new Case("wechat code expired", ineligible(), wechat("51"), PaymentOutcome.Result.FAILED, FailureKind.CODE_EXPIRED, List.of()),
                new Case("alipay system error after booking", ineligible(), alipay("60"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.ALIPAY)),
                new Case("wechat system error after booking", ineligible(), wechat("61"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.WECHAT)),
                new Case("alipay slow answer (timeout)", ineligible(), alipay("70"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.ALIPAY)),
                new Case("alipay connection reset", ineligible(), alipay("80"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.ALIPAY)),
                new Case("wechat malformed body", ineligible(), wechat("90"), PaymentOutcome.Result.PAID, null, List.of(PaymentChannel.WECHAT)),
                new Case("2102 answer lost -> 2601", eligible(), evoucher("60"), PaymentOutcome.Result.FAILED, FailureKind.NETWORK, List.of()));
        List<CompletableFuture<PaymentOutcome>> futures = new ArrayList<>();
        for (Case c : cases) {
            futures.add(engine.settle(c.sale, c.code, CASHIER, null));
        }
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            PaymentOutcome o = futures.get(i).get(50, TimeUnit.SECONDS);
            if (o.result() != c.result || o.failure() != c.failure
                    || !o.legs().stream().map(l -> l.channel()).toList().equals(c.legs)) {
                wrong.add(c.name + ": " + o);
                continue;
            }
            if (o.paid()) {
                assertEquals(c.sale.total(), o.legs().stream().map(l -> l.amount()).reduce(Money.ZERO, Money::plus), c.name);
            }
            assertLedgerMatches(c.name, o);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void balanceAfterAndFallbackAreReported() throws Exception {
        PaymentOutcome rich = engine.settle(eligible(), evoucher("02"), CASHIER, null).get(20, TimeUnit.SECONDS);
        assertTrue(rich.paid());
        assertEquals(Money.ofFen(50_000 - 2_500), rich.balanceAfter(), "balc from the platform");
        PaymentOutcome poor = engine.settle(eligible(), wechat("11"), CASHIER, null).get(20, TimeUnit.SECONDS);
        assertTrue(poor.paid());
        assertTrue(poor.fellBackToChannel(), "N-1");
        assertNull(poor.balanceAfter());
    }

    @Test
    void n3BuyersWhoNeverConfirmAreCancelledAfter60SecondsOnBothWallets() throws Exception {
        List<PaymentProgress> seen = new CopyOnWriteArrayList<>();
        long t0 = System.currentTimeMillis();
        CompletableFuture<PaymentOutcome> ali = engine.settle(ineligible(), alipay("40"), CASHIER, seen::add);
        CompletableFuture<PaymentOutcome> wx = engine.settle(ineligible(), wechat("41"), CASHIER, null);
        PaymentOutcome w = wx.get(120, TimeUnit.SECONDS); // WeChat may revoke by itself first (~45 s)
        PaymentOutcome a = ali.get(120, TimeUnit.SECONDS);
        long took = System.currentTimeMillis() - t0;
        assertEquals(FailureKind.NOT_CONFIRMED_IN_TIME, a.failure());
        assertEquals(FailureKind.NOT_CONFIRMED_IN_TIME, w.failure());
        assertTrue(took >= 60_000, "Alipay is cancelled at 60 s, not before: " + took);
        assertTrue(seen.stream().anyMatch(p -> p.state() == AttemptState.PAYING && p.secondsLeft() <= 30 && p.secondsLeft() > 0),
                "the countdown was reported while polling");
        assertLedgerMatches("alipay never", a);
        assertLedgerMatches("wechat never", w);
        assertTrue(List.of("CLOSED", "REVOKED").contains(trade(journal.find(w.attemptId()).orElseThrow().outTradeNo).get("state")));
    }

    @Test
    void aCrashMidPaymentIsResolvedByTheNextStartOverHttp() throws Exception {
        // Engine 1 "crashes" (stops driving) while the buyers are confirming.
        ExecutorTaskScheduler s1 = new ExecutorTaskScheduler(2);
        SettlementEngine first = new SettlementEngine(journal, dir, Clock.systemUTC(), s1, Timing.PROCEDURE, REGION, Fixture.TILL);
        List<PaymentProgress> p1 = new CopyOnWriteArrayList<>();
        Sale willPay = ineligible();
        Sale willBeUndone = ineligible();
        first.settle(willPay, alipay("32"), CASHIER, p1::add);
        first.settle(willBeUndone, wechat("39"), CASHIER, p1::add);
        long until = System.currentTimeMillis() + 10_000;
        while (p1.stream().filter(p -> p.state() == AttemptState.PAYING).map(PaymentProgress::attemptId).distinct().count() < 2
                && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        first.close();
        s1.close();
        assertTrue(journal.openForSale(willPay.id()).isPresent());
        Thread.sleep(2_500); // the first buyer has confirmed meanwhile; the second has not

        // Engine 2 starts: recovery queries, completes the paid one and undoes the other.
        ExecutorTaskScheduler s2 = new ExecutorTaskScheduler(2);
        SettlementEngine second = new SettlementEngine(journal, dir, Clock.systemUTC(), s2, Timing.PROCEDURE, REGION, Fixture.TILL);
        second.recover();
        until = System.currentTimeMillis() + 40_000;
        while ((second.hasUnresolved(willPay.id()) || second.hasUnresolved(willBeUndone.id())) && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        second.close();
        s2.close();
        AttemptRow paid = journal.all().stream().filter(r -> r.saleId.equals(willPay.id())).findFirst().orElseThrow();
        AttemptRow undone = journal.all().stream().filter(r -> r.saleId.equals(willBeUndone.id())).findFirst().orElseThrow();
        assertEquals("PAID", paid.state, paid.toString());
        assertEquals("FAILED", undone.state, undone.toString());
        assertEquals("INTERRUPTED", undone.failure);
        assertEquals(2890L, ((Number) trade(paid.outTradeNo).get("net_fen")).longValue());
        assertEquals(0L, ((Number) trade(undone.outTradeNo).get("net_fen")).longValue());
    }

    @Test
    void theDsServiceSettlesWithTheEmbeddedSandboxInTrainingMode() throws Exception {
        PaymentService service = Fixture.await(PaymentService.class);
        long until = System.currentTimeMillis() + 20_000;
        while (service.activeRegion().isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        RegionInfo region = service.activeRegion().orElseThrow();
        assertEquals("999999", region.code());
        assertTrue(region.training(), "the sandbox is training mode");
        Sale sale = ineligible();
        PaymentOutcome o = service.settle(sale, alipay("03"), CASHIER, null).get(30, TimeUnit.SECONDS);
        assertTrue(o.paid(), o.toString());
        assertFalse(service.hasUnresolvedAttempt(sale.id()));
        assertEquals(FailureKind.CODE_INVALID,
                service.settle(sale, new ScannedCode("6901234567892", ScannedCodeKind.DRUG_BARCODE_EAN13, "t"), CASHIER, null)
                        .get(5, TimeUnit.SECONDS).failure(), "a drug barcode never reaches the gateway");
        assertTrue(service.unresolvedAttempts().stream().noneMatch(a -> a.saleId().equals(sale.id())));
    }

    @Test
    void theActiveRegionComesFromConfigAdminAndAMissingGatewayIsRefusedCleanly() throws Exception {
        PaymentService service = Fixture.await(PaymentService.class);
        org.osgi.service.cm.ConfigurationAdmin cm = Fixture.await(org.osgi.service.cm.ConfigurationAdmin.class);
        org.osgi.service.cm.Configuration c = cm.getConfiguration("org.medpay.payment", "?");
        java.util.Hashtable<String, Object> p = new java.util.Hashtable<>();
        p.put("region", "510100");
        c.update(p);
        try {
            long until = System.currentTimeMillis() + 20_000;
            // Wait for the new setting itself: the region can also look empty for a moment while an earlier
            // test's sandbox reconfiguration re-registers its gateway.
            while ((!"510100".equals(service.activeRegionCode()) || service.activeRegion().isPresent())
                    && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertEquals("510100", service.activeRegionCode(), "the store setting reached the payment service");
            assertTrue(service.activeRegion().isEmpty(), "no Chengdu gateway is installed in this runtime");
            PaymentOutcome o = service.settle(ineligible(), alipay("00"), CASHIER, null).get(10, TimeUnit.SECONDS);
            assertEquals(FailureKind.NO_GATEWAY, o.failure());
        } finally {
            c.delete();
        }
        // Deleting the configuration re-activates the component with its defaults: ask DS again.
        long until = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < until) {
            service = Fixture.await(PaymentService.class);
            if (service.activeRegion().isPresent()) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("999999", service.activeRegion().orElseThrow().code(), "back to the sandbox default");
    }
}
