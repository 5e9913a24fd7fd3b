package org.medpay.refund.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManagerFactory;

import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.sandbox.simulator.Simulator;
import org.medpay.gateway.sandbox.simulator.SimulatorSettings;
import org.medpay.payment.PaidOrders;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.PaymentService;
import org.medpay.persistence.JpaProvider;
import org.medpay.refund.SupervisorApproval;
import org.medpay.refund.internal.RefundEngine;
import org.medpay.refund.internal.RefundJournal;
import org.medpay.refund.internal.RefundRow;
import org.medpay.testing.Sales;
import org.medpay.testing.Services;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The real pieces: the payment service (DS) settling against the sandbox region, which talks over HTTP to
 * a simulator this test owns (so it can read the ledger, inject faults, stop it), and the refund journal on
 * the test Derby.
 */
final class Env {

    static final OperatorRef CASHIER = new OperatorRef("C001", "测试收银员");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /**
     * The till id of the tests' own refund engines (org.medpay.persistence.TillId): the runtime's refund
     * service, on the same database, has its own and so leaves the tests' unfinished refunds alone.
     */
    static final String TILL = "refund-tests";

    private static Simulator simulator;
    private static EntityManagerFactory emf;

    private Env() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Env.class).getBundleContext();
    }

    static <T> T await(Class<T> type, String filter) throws Exception {
        return Services.require(context(), type, filter, Services.WAIT_MILLIS);
    }

    /** Starts the simulator once and points the sandbox region at it (both-leg split, short timeouts). */
    static synchronized Simulator simulator() throws Exception {
        if (simulator == null) {
            simulator = new Simulator(new SimulatorSettings()).start(0);
            simulator.apply(Map.of("splitAccountPay", "true", "slowDelayMillis", "3000"));
            Services.configure(context(), "org.medpay.gateway.sandbox", Map.of("simulatorUrl",
                    simulator.baseUri().toString(), "requestTimeoutMillis", "1500", "connectTimeoutMillis", "1000",
                    "policy.split", "ACCOUNT_THEN_CHANNEL"));
            await(RegionGateway.class, "(simulatorUrl=" + simulator.baseUri() + ")");
            // The sandbox component restarts on the new configuration and the payment service rebinds it
            // dynamically: settle a probe sale until a payment goes through (what is tested starts after).
            PaymentService ps = await(PaymentService.class, "");
            long end = System.currentTimeMillis() + 30_000;
            PaymentOutcome probe = null;
            while (System.currentTimeMillis() < end) {
                probe = ps.settle(ineligibleSale(), Sales.alipay("00"), CASHIER, null).get(60, TimeUnit.SECONDS);
                if (probe.paid()) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(PaymentOutcome.Result.PAID, probe.result(), "sandbox not ready: " + probe);
        }
        return simulator;
    }

    static RegionGateway gateway() throws Exception {
        return await(RegionGateway.class, "(simulatorUrl=" + simulator().baseUri() + ")");
    }

    static synchronized RefundJournal journal() throws Exception {
        if (emf == null) {
            emf = await(JpaProvider.class, "").createEntityManagerFactory("medpay.refund",
                    RefundRow.class.getClassLoader());
        }
        return new RefundJournal(emf);
    }

    /** A clock that tests move: the refund window is judged by it. */
    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    static RefundEngine engine(Clock clock, SupervisorApproval approval) throws Exception {
        RegionGateway gw = gateway();
        return new RefundEngine(journal(), await(PaidOrders.class, ""),
                region -> region.equals(gw.regionCode()) ? Optional.of(gw) : Optional.empty(), clock,
                () -> Optional.ofNullable(approval), Duration.ofMillis(300), TILL);
    }

    /** Class A, code-matched: ¥25.00. */
    static Sale eligibleSale() {
        return Sales.eligible(LocalDateTime.now());
    }

    /** One unmatched line (N-2): channel only. ¥28.90 */
    static Sale ineligibleSale() {
        return Sales.ineligible(LocalDateTime.now());
    }

    /** A real payment through the payment service against the simulator; returns the order number. */
    static String pay(Sale sale, ScannedCode code) throws Exception {
        simulator();
        PaymentService ps = await(PaymentService.class, "");
        PaymentOutcome o = ps.settle(sale, code, CASHIER, null).get(60, TimeUnit.SECONDS);
        assertEquals(PaymentOutcome.Result.PAID, o.result(), () -> "payment failed: " + o);
        return o.attemptId();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> trade(String outTradeNo) throws Exception {
        Map<String, Object> trades = (Map<String, Object>) simulator().ledgerSnapshot().get("trades");
        return (Map<String, Object>) trades.get(outTradeNo);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> settlement(String setlId) throws Exception {
        Map<String, Object> s = (Map<String, Object>) simulator().ledgerSnapshot().get("settlements");
        return (Map<String, Object>) s.get(setlId);
    }
}
