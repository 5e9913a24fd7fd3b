package org.medpay.hotswap.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.sandbox.simulator.SandboxKeys;
import org.medpay.gateway.sandbox.simulator.Simulator;
import org.medpay.gateway.sandbox.simulator.SimulatorSettings;
import org.medpay.payment.AttemptState;
import org.medpay.payment.FailureKind;
import org.medpay.payment.PaidOrder;
import org.medpay.payment.PaidOrders;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.PaymentService;
import org.medpay.testing.Sales;
import org.medpay.testing.Services;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 8, hot swap: region bundles are stopped, started, updated, uninstalled and installed again in
 * the real Equinox runtime while a stream of payments runs against the simulator, and a second region
 * bundle (Chengdu) is installed at runtime. The simulator plays the outside platform: started by the test,
 * it outlives the till's bundles (the sandbox bundle is configured with {@code simulatorUrl}, so only its
 * client side is swapped) and its ledger is the truth the journal is compared with.
 *
 * <p>What must hold (invariant 2, P-12, N-3): every attempt ends PAID exactly once in the ledger and PAID in
 * the journal, or with no money kept at all; nothing is charged twice; nothing stays unresolved; a sale
 * started while no gateway serves the region gets NO_GATEWAY with nothing sent; an in-flight payment whose
 * gateway goes away waits in the journal and is resolved when a gateway for the region returns.
 */
class RegionHotSwapTest {

    private static final OperatorRef CASHIER = new OperatorRef("C01", "李收银");
    private static final String SANDBOX_BSN = "org.medpay.gateway.sandbox";
    private static final String CHENGDU_BSN = "org.medpay.gateway.region.chengdu";
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 26, 10, 0);
    private static final long WAIT_MS = 60_000;

    private static Simulator sim;
    private static BundleContext ctx;
    private static PaymentService payments;
    private static PaidOrders paidOrders;
    private static ConfigurationAdmin cm;
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** Every attempt any test here made: checked against the ledger at the end of each test. */
    private static final List<PaymentOutcome> ATTEMPTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        sim = new Simulator(new SimulatorSettings()).start(0);
        ctx = FrameworkUtil.getBundle(RegionHotSwapTest.class).getBundleContext();
        cm = await(ConfigurationAdmin.class);
        payments = await(PaymentService.class);
        paidOrders = await(PaidOrders.class);
        Configuration sandbox = cm.getConfiguration("org.medpay.gateway.sandbox", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("simulatorUrl", sim.baseUri().toString());
        p.put("requestTimeoutMillis", "5000");
        sandbox.update(p);
        // The configuration re-creates the sandbox component: wait until payments reach *this* simulator.
        waitFor("the sandbox gateway talks to the test's simulator", () -> {
            try {
                PaymentOutcome o = payments.settle(Sales.ineligible(NOW), alipay("00"), CASHIER, null).get(20, TimeUnit.SECONDS);
                boolean here = o.paid() && trade(o.attemptId()) != null;
                if (here) {
                    ATTEMPTS.add(o); // (a payment still served by the embedded simulator is not this ledger's)
                }
                return here;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (cm != null) {
            Configuration c = cm.getConfiguration("org.medpay.gateway.sandbox", "?");
            c.delete();
        }
        if (sim != null) {
            sim.close();
        }
    }

    // ------------------------------------------------------------------ the swap under a stream of payments

    @Test
    void regionBundleStoppedUpdatedUninstalledAndReinstalledDuringAStreamOfPaymentsLosesNothingAndChargesNothingTwice()
            throws Exception {
        assertEquals("999999", payments.activeRegionCode());
        Map<String, List<AttemptState>> states = new ConcurrentHashMap<>();
        List<CompletableFuture<PaymentOutcome>> stream = new CopyOnWriteArrayList<>();
        List<CompletableFuture<PaymentOutcome>> whileAbsent = new CopyOnWriteArrayList<>();
        AtomicBoolean streaming = new AtomicBoolean(true);
        // While the status bar says the gateway is away the cashier waits; the sales tried then are the probes.
        AtomicBoolean hold = new AtomicBoolean();
        AtomicInteger submitted = new AtomicInteger();
        int total = 40;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                while (hold.get()) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                submitted.incrementAndGet();
                stream.add(payments.settle(saleFor(i), codeFor(i), CASHIER,
                        p -> states.computeIfAbsent(p.attemptId(), k -> new CopyOnWriteArrayList<>()).add(p.state())));
                try {
                    Thread.sleep(300); // pacing of the till, not an assertion
                } catch (InterruptedException e) {
                    return;
                }
            }
            streaming.set(false);
        }, "hotswap-stream");
        producer.setDaemon(true);
        producer.start();

        // 1. stop / start while buyers are confirming on their phones.
        waitFor("the stream has begun", () -> submitted.get() >= 6);
        awaitInFlight(states, 2);
        Bundle sandbox = bundle(SANDBOX_BSN);
        int parkedBefore = parked(states);
        hold.set(true);
        sandbox.stop();
        assertTrue(payments.activeRegion().isEmpty(), "stopping the region bundle unbinds its gateway at once");
        whileAbsent.add(probe());
        waitFor("an in-flight payment finds its gateway gone and waits in the journal",
                () -> parked(states) > parkedBefore || inFlight(states) == 0);
        sandbox.start();
        awaitGateway();
        hold.set(false);

        // 2. Bundle.update(): the same bundle, a new revision (and a new gateway service).
        waitFor("more of the stream", () -> submitted.get() >= 14);
        awaitInFlight(states, 2);
        sandbox.update();
        awaitGateway();

        // 3. DS dynamic greedy: a replacement binds before the old one unbinds; the region is never without one.
        waitFor("more of the stream", () -> submitted.get() >= 22);
        awaitInFlight(states, 2);
        RegionGateway replacement = newSandboxGateway(sandbox);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(RegionGateway.REGION_PROPERTY, "999999");
        ServiceRegistration<RegionGateway> reg = ctx.registerService(RegionGateway.class, replacement, props);
        try {
            sandbox.stop();
            assertTrue(payments.activeRegion().isPresent(), "unbinding the old gateway kept the newer one");
            PaymentOutcome viaReplacement = payments.settle(Sales.ineligible(NOW), alipay("01"), CASHIER, null).get(30, TimeUnit.SECONDS);
            ATTEMPTS.add(viaReplacement);
            assertTrue(viaReplacement.paid(), "the replacement serves the region: " + viaReplacement);
            sandbox.start();
            awaitGateway();
        } finally {
            reg.unregister();
            replacement.getClass().getMethod("close").invoke(replacement);
        }
        assertTrue(payments.activeRegion().isPresent(), "the restarted bundle's gateway serves after the replacement left");

        // 4. uninstall, then install again from the saved location (a p2 update does the same).
        waitFor("more of the stream", () -> submitted.get() >= 30);
        awaitInFlight(states, 2);
        String location = installable(sandbox.getLocation());
        int parkedBeforeUninstall = parked(states);
        hold.set(true);
        sandbox.uninstall();
        assertTrue(payments.activeRegion().isEmpty());
        whileAbsent.add(probe());
        waitFor("an in-flight payment waits for the uninstalled region",
                () -> parked(states) > parkedBeforeUninstall || inFlight(states) == 0);
        Bundle again = ctx.installBundle(location);
        again.start();
        awaitGateway();
        hold.set(false);

        producer.join(WAIT_MS);
        assertFalse(streaming.get(), "the stream was submitted");
        List<PaymentOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<PaymentOutcome> f : stream) {
            outcomes.add(f.get(WAIT_MS, TimeUnit.MILLISECONDS));
        }
        for (CompletableFuture<PaymentOutcome> f : whileAbsent) {
            PaymentOutcome o = f.get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertEquals(FailureKind.NO_GATEWAY, o.failure(), "a sale without a gateway is refused clearly: " + o);
            assertNull(o.attemptId(), "nothing journalled, nothing sent");
        }
        outcomes.stream().filter(o -> o.attemptId() != null).forEach(ATTEMPTS::add);
        waitFor("no attempt is left unresolved", () -> payments.unresolvedAttempts().isEmpty());

        Set<String> paid = reconcile();
        long paidCount = outcomes.stream().filter(o -> o.attemptId() != null && paid.contains(o.attemptId())).count();
        long noGateway = outcomes.stream().filter(o -> o.failure() == FailureKind.NO_GATEWAY).count();
        long unknownAtFirst = outcomes.stream().filter(o -> o.result() == PaymentOutcome.Result.UNKNOWN).count();
        long parkedThenPaid = states.entrySet().stream()
                .filter(e -> e.getValue().contains(AttemptState.UNKNOWN) && paid.contains(e.getKey())).count();
        System.out.println("hotswap: payments " + outcomes.size() + ", paid " + paidCount + ", no_gateway " + noGateway
                + ", unknown_then_resolved " + unknownAtFirst + ", parked " + parked(states)
                + ", parked_then_paid " + parkedThenPaid + ", failures " + outcomes.stream()
                        .filter(o -> o.failure() != null).collect(java.util.stream.Collectors.groupingBy(
                                o -> o.failure().name(), java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        for (PaymentOutcome o : outcomes) {
            if (o.failure() == FailureKind.NO_GATEWAY) {
                assertNull(o.attemptId());
            }
            if (o.paid()) {
                assertTrue(paid.contains(o.attemptId()), "told PAID, journal PAID: " + o);
            }
            if (o.result() == PaymentOutcome.Result.FAILED && o.attemptId() != null) {
                assertFalse(paid.contains(o.attemptId()), "told FAILED, nothing kept: " + o);
            }
        }
        assertTrue(parked(states) >= 1, "payments were in flight when their gateway went away");
    }

    // ------------------------------------------------------------------ a second region installed at runtime

    @Test
    void aSecondRegionBundleInstalledAtRuntimeServesItsRegionOnceConfigured() throws Exception {
        Bundle chengdu = bundle(CHENGDU_BSN);
        String location = installable(chengdu.getLocation());
        chengdu.uninstall();
        Configuration region = cm.getConfiguration("org.medpay.payment", "?");
        Configuration cd = cm.getConfiguration(CHENGDU_BSN, "?");
        try {
            cd.update(chengduConfig());
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("region", "510100");
            region.update(p);
            waitFor("the store setting switches the active region", () -> "510100".equals(payments.activeRegionCode()));
            assertTrue(payments.activeRegion().isEmpty(), "no Chengdu bundle installed yet");
            PaymentOutcome refused = probe().get(30, TimeUnit.SECONDS);
            assertEquals(FailureKind.NO_GATEWAY, refused.failure());
            assertNull(refused.attemptId());

            Bundle installed = ctx.installBundle(location);
            installed.start();
            waitFor("the Chengdu gateway binds", () -> payments.activeRegion().isPresent());
            assertEquals("成都市", payments.activeRegion().orElseThrow().displayName());
            assertFalse(payments.activeRegion().orElseThrow().training());
            PaymentOutcome o = payments.settle(Sales.ineligible(NOW), wechat("02"), CASHIER, null).get(30, TimeUnit.SECONDS);
            ATTEMPTS.add(o);
            assertTrue(o.paid(), o.toString());
            assertEquals(2890L, ((Number) trade(o.attemptId()).get("net_fen")).longValue(), "the money reached the platform once");

            installed.uninstall();
            assertTrue(payments.activeRegion().isEmpty(), "uninstalled: the region says so at once");
        } finally {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("region", "999999");
            region.update(p);
            cd.delete();
        }
        waitFor("back to the sandbox region", () -> payments.activeRegion().map(r -> r.code().equals("999999")).orElse(false));
        waitFor("no attempt is left unresolved", () -> payments.unresolvedAttempts().isEmpty());
        reconcile();
    }

    // ------------------------------------------------------------------ ledger against journal

    /**
     * The simulator's ledger against the journal (read through {@link PaidOrders}): each trade charged at
     * most once; money kept exactly for PAID attempts and in their amounts; every booked insurance
     * settlement belongs to a PAID attempt.
     *
     * @return the ids of the paid attempts
     */
    @SuppressWarnings("unchecked")
    private static Set<String> reconcile() {
        Map<String, Object> snapshot = sim.ledgerSnapshot();
        Map<String, Object> trades = (Map<String, Object>) snapshot.get("trades");
        Map<String, Object> settlements = (Map<String, Object>) snapshot.get("settlements");
        Map<String, PaidOrder> paid = new HashMap<>();
        for (PaidOrder o : paidOrders.find(null, null, null, null, 10_000)) {
            paid.put(o.orderNo(), o);
        }
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Object> e : trades.entrySet()) {
            Map<String, Object> t = (Map<String, Object>) e.getValue();
            int charged = ((Number) t.get("charged")).intValue();
            long net = ((Number) t.get("net_fen")).longValue();
            if (charged > 1) {
                wrong.add("trade " + e.getKey() + " charged " + charged + " times");
            }
            PaidOrder o = paid.get(e.getKey());
            long expected = o != null && o.hasChannelLeg() ? o.channelAmount().fen() : 0;
            if (net != expected) {
                wrong.add("trade " + e.getKey() + " keeps " + net + " fen, journal says " + expected
                        + (o == null ? " (not paid)" : " (paid)"));
            }
        }
        Set<String> bookedIds = new HashSet<>();
        for (Map.Entry<String, Object> e : settlements.entrySet()) {
            if ("BOOKED".equals(((Map<String, Object>) e.getValue()).get("state"))) {
                bookedIds.add(e.getKey());
            }
        }
        Set<String> paidSettlements = new HashSet<>();
        for (PaidOrder o : paid.values()) {
            if (o.hasInsuranceLeg()) {
                paidSettlements.add(o.settlementId());
            }
        }
        for (String id : bookedIds) {
            if (!paidSettlements.contains(id)) {
                wrong.add("settlement " + id + " is booked but no attempt is PAID with it");
            }
        }
        // Attempts made against this simulator (the journal may also hold the embedded simulator's, from start-up).
        for (PaymentOutcome a : ATTEMPTS) {
            assertNotNull(a.attemptId());
            PaidOrder o = paid.get(a.attemptId());
            Map<String, Object> t = (Map<String, Object>) trades.get(a.attemptId());
            if (o == null) {
                if (t != null && ((Number) t.get("net_fen")).longValue() != 0) {
                    wrong.add("unpaid attempt " + a.attemptId() + " keeps money");
                }
                continue;
            }
            if (o.hasChannelLeg() && trades.get(o.outTradeNo()) == null) {
                wrong.add("journal PAID " + o.orderNo() + " by " + o.channel() + " but the platform has no trade");
            }
            if (o.hasInsuranceLeg() && !bookedIds.contains(o.settlementId())) {
                wrong.add("journal PAID " + o.orderNo() + " by the account but settlement " + o.settlementId() + " is not booked");
            }
        }
        assertEquals(List.of(), wrong, "ledger vs journal");
        return paid.keySet();
    }

    // ------------------------------------------------------------------ helpers

    private static void awaitGateway() {
        waitFor("the region's gateway is bound again", () -> payments.activeRegion().isPresent());
    }

    /** A sale while no gateway serves the active region. */
    private static CompletableFuture<PaymentOutcome> probe() {
        return payments.settle(Sales.ineligible(NOW), alipay("00"), CASHIER, null);
    }

    /** Waits (deterministically, by state) until at least {@code n} payments are with a buyer confirming. */
    private static void awaitInFlight(Map<String, List<AttemptState>> states, int n) {
        waitFor(n + " payment(s) waiting for the buyer's confirmation", () -> inFlight(states) >= n);
    }

    private static long inFlight(Map<String, List<AttemptState>> states) {
        return states.values().stream().filter(l -> !l.isEmpty() && l.get(l.size() - 1) == AttemptState.PAYING).count();
    }

    private static int parked(Map<String, List<AttemptState>> states) {
        return (int) states.values().stream().filter(l -> l.contains(AttemptState.UNKNOWN)).count();
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        long until = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("not within " + WAIT_MS / 1000 + " s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * A location {@code installBundle} accepts again: the launcher's initial bundles have
     * {@code initial@reference:file:<path relative to the install area>}.
     */
    private static String installable(String location) {
        String l = location.startsWith("initial@") ? location.substring("initial@".length()) : location;
        String prefix = "reference:file:";
        if (!l.startsWith(prefix) || new java.io.File(l.substring(prefix.length())).isAbsolute()) {
            return l;
        }
        String rel = l.substring(prefix.length());
        for (String area : new String[] { "osgi.install.area", "osgi.configuration.area", "osgi.syspath", "user.dir" }) {
            String base = ctx.getProperty(area);
            if (base == null) {
                continue;
            }
            java.io.File dir = base.startsWith("file:") ? new java.io.File(java.net.URI.create(base.replace(" ", "%20")))
                    : new java.io.File(base);
            java.io.File f = new java.io.File(dir, rel);
            if (f.exists()) {
                return prefix + f.toPath().normalize().toAbsolutePath();
            }
        }
        throw new AssertionError("cannot find the bundle file of " + location);
    }

    private static Bundle bundle(String bsn) {
        for (Bundle b : ctx.getBundles()) {
            if (bsn.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return b;
            }
        }
        throw new AssertionError(bsn + " is not installed");
    }

    /** A second registration of the real sandbox gateway (its class is internal: loaded through its bundle). */
    private static RegionGateway newSandboxGateway(Bundle sandbox) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("simulatorUrl", sim.baseUri().toString());
        props.put("requestTimeoutMillis", "5000");
        return (RegionGateway) sandbox.loadClass("org.medpay.gateway.sandbox.internal.SandboxGateway")
                .getConstructor(Map.class, Clock.class).newInstance(props, Clock.systemUTC());
    }

    private static Hashtable<String, Object> chengduConfig() {
        Hashtable<String, Object> m = new Hashtable<>();
        m.put("national.url", sim.nationalUri().toString());
        m.put("fixmedins_code", "P51010600123");
        m.put("fixmedins_name", "成都测试大药房");
        m.put("national.signingKey", SandboxKeys.NATIONAL_SIGNING_KEY);
        m.put("alipay.url", sim.alipayUri().toString());
        m.put("alipay.appId", "2021000111");
        m.put("alipay.privateKey", SandboxKeys.ALIPAY_APP_PRIVATE_KEY);
        m.put("alipay.platformPublicKey", SandboxKeys.ALIPAY_PLATFORM_PUBLIC_KEY);
        m.put("wechat.url", sim.wechatUri().toString());
        m.put("wechat.appId", "wxchengdu");
        m.put("wechat.mchId", "1230000109");
        m.put("wechat.apiKey", SandboxKeys.WECHAT_API_KEY);
        m.put("allowInsecureLoopback", "true");
        return m;
    }

    /**
     * The stream's mix: instant wallet payments, buyers who confirm after 2-6 s (in flight during the swaps),
     * insurance e-vouchers (2102) and a declined wallet.
     */
    private static Sale saleFor(int i) {
        return i % 8 == 5 ? Sales.eligible(NOW) : Sales.ineligible(NOW);
    }

    private static ScannedCode codeFor(int i) {
        return switch (i % 8) {
        case 0, 4 -> alipay("3" + (2 + i % 5));
        case 1 -> wechat("3" + (2 + i % 4));
        case 2 -> alipay("00");
        case 3 -> wechat("00");
        case 5 -> evoucher("00");
        case 6 -> alipay("45");
        default -> wechat("3" + (3 + i % 3));
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> trade(String outTradeNo) {
        return (Map<String, Object>) ((Map<String, Object>) sim.ledgerSnapshot().get("trades")).get(outTradeNo);
    }

    private static String unique(int digits) {
        String n = String.valueOf(System.nanoTime() % 1_000_000_000L) + String.format("%05d", SEQ.incrementAndGet());
        return (n + "0000000000000000000000").substring(0, digits);
    }

    static ScannedCode alipay(String last2) {
        return new ScannedCode("28" + unique(14) + last2, ScannedCodeKind.ALIPAY_PAYMENT_CODE, "test");
    }

    static ScannedCode wechat(String last2) {
        return new ScannedCode("13" + unique(14) + last2, ScannedCodeKind.WECHAT_PAYMENT_CODE, "test");
    }

    static ScannedCode evoucher(String last2) {
        return new ScannedCode("EC" + unique(18) + last2, ScannedCodeKind.INSURANCE_EVOUCHER, "test");
    }

    private static <T> T await(Class<T> type) throws InterruptedException {
        return Services.require(ctx, type);
    }
}
