package org.medpay.refund.tests;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.EntityManagerFactory;

import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.national.codec.Json;
import org.medpay.payment.PaidOrder;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.internal.ExecutorTaskScheduler;
import org.medpay.payment.internal.GatewayDirectory;
import org.medpay.payment.internal.JpaJournal;
import org.medpay.payment.internal.JpaPaidOrders;
import org.medpay.payment.internal.SettlementEngine;
import org.medpay.payment.internal.Timing;
import org.medpay.refund.internal.RefundEngine;
import org.medpay.refund.internal.RefundJournal;
import org.medpay.refund.internal.RefundRow;
import org.medpay.testing.ChildRuntime;

/**
 * The workstation's payment and refund cores in a JVM of their own, so {@link RefundFaultHarness} can kill
 * -9 them in the middle of a roll back: the same engines, journals (EclipseLink + Derby) and
 * sandbox gateway (Jetty client, over HTTP to the simulator process) as in the product, outside OSGi.
 *
 * <pre>
 * RefundFaultChild pay    dataDir simUrl seed count      pays count orders (no faults): two-leg, account only, channel only
 * RefundFaultChild refund dataDir simUrl seed dieEvery   resumes, then rolls back every paid order not yet rolled back;
 *                                                       at each crash point it SIGKILLs itself with chance 1/dieEvery
 * RefundFaultChild verify dataDir simUrl                 resumes, waits for the journal to settle, compares with the ledger
 * </pre>
 */
public final class RefundFaultChild {

    static final String REGION = "999999";
    /** Every run of the child is the same till: what a killed run left open, the next run resumes. */
    static final String TILL = "fault-harness";
    static final OperatorRef CASHIER = new OperatorRef("H01", "harness");

    private RefundFaultChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path data = ChildRuntime.dataDir(args[1]);
        String sim = args[2];
        EntityManagerFactory payEmf = ChildRuntime.emf("medpay.payment", data);
        EntityManagerFactory refEmf = ChildRuntime.emf("medpay.refund", data);
        RegionGateway real = ChildRuntime.sandboxGateway(sim, Map.of("policy.split", "ACCOUNT_THEN_CHANNEL",
                "policy.refundWindowDays", "-1")); // a run across midnight must not be refused
        switch (args[0]) {
        case "pay" -> pay(payEmf, real, Long.parseLong(args[3]), Integer.parseInt(args[4]), out);
        case "refund" -> refund(payEmf, refEmf, real, Long.parseLong(args[3]), Integer.parseInt(args[4]), out);
        case "verify" -> verify(payEmf, refEmf, real, sim, out);
        default -> throw new IllegalArgumentException(args[0]);
        }
        out.flush();
        System.exit(0);
    }

    // ---- pay: the orders to roll back, paid for real against the simulator ----

    static void pay(EntityManagerFactory payEmf, RegionGateway gw, long seed, int count, PrintStream out)
            throws Exception {
        JpaJournal journal = new JpaJournal(payEmf);
        GatewayDirectory dir = new GatewayDirectory();
        dir.add("sandbox", REGION, 0, 1, gw);
        SettlementEngine engine = new SettlementEngine(journal, dir, Clock.systemUTC(), new ExecutorTaskScheduler(8),
                Timing.PROCEDURE.scaled(10), REGION, TILL);
        engine.recover();
        Random rnd = new Random(seed);
        Semaphore slots = new Semaphore(8);
        AtomicInteger paid = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            int kind = rnd.nextInt(10);
            boolean wechat = rnd.nextBoolean();
            Sale sale;
            ScannedCode code;
            if (kind < 4) { // two legs: the account pays its balance (1.00), the wallet the rest (N-1)
                sale = sale(rnd, false);
                code = wallet(rnd, wechat, "10");
            } else if (kind < 6) { // the account alone
                sale = sale(rnd, false);
                code = new ScannedCode("EC" + digits(rnd, 20) + "00", ScannedCodeKind.INSURANCE_EVOUCHER, "harness");
            } else { // N-2: an unmatched drug, the wallet alone
                sale = sale(rnd, true);
                code = wallet(rnd, wechat, "00");
            }
            engine.settle(sale, code, CASHIER, null).whenComplete((o, e) -> {
                if (o != null && o.result() == PaymentOutcome.Result.PAID) {
                    paid.incrementAndGet();
                }
                out.println("paid " + sale.id() + " " + (o == null ? e : o.result() + " " + o.failure()));
                slots.release();
            });
        }
        slots.acquire(8);
        out.println("paid_orders " + paid.get());
    }

    static Sale sale(Random rnd, boolean unmatched) {
        Sale s = new Sale();
        LocalDateTime now = LocalDateTime.now();
        int lines = 1 + rnd.nextInt(2);
        for (int i = 0; i < lines; i++) {
            s.add(new DrugRef("P" + i, "药品" + i, "盒装", "盒", Money.ofFen(300 + rnd.nextInt(3_000)), "XJ" + i,
                    InsuranceClass.A, false), 1 + rnd.nextInt(2), now);
        }
        if (unmatched) {
            s.add(new DrugRef("U", "未对码药品", "", "瓶", Money.ofFen(100 + rnd.nextInt(2_000)), null, null, false), 1, now);
        }
        return s;
    }

    static ScannedCode wallet(Random rnd, boolean wechat, String scenario) {
        return wechat ? new ScannedCode("13" + digits(rnd, 14) + scenario, ScannedCodeKind.WECHAT_PAYMENT_CODE, "harness")
                : new ScannedCode("28" + digits(rnd, 14) + scenario, ScannedCodeKind.ALIPAY_PAYMENT_CODE, "harness");
    }

    static String digits(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + rnd.nextInt(10)));
        }
        return b.toString();
    }

    static List<PaidOrder> paidOrders(JpaPaidOrders orders) {
        return orders.find(null, null, 0L, null, 1_000_000);
    }

    // ---- refund: roll back, dying at the points that matter ----

    static void refund(EntityManagerFactory payEmf, EntityManagerFactory refEmf, RegionGateway real, long seed,
            int dieEvery, PrintStream out) throws Exception {
        JpaPaidOrders orders = new JpaPaidOrders(payEmf);
        RefundJournal journal = new RefundJournal(refEmf);
        Random rnd = new Random(seed);
        Crash crash = new Crash(out, dieEvery, new Random(rnd.nextLong()));
        RefundEngine engine = new RefundEngine(journal, orders,
                r -> REGION.equals(r) ? Optional.of(real) : Optional.empty(), Clock.systemUTC(), Optional::empty,
                Duration.ofMillis(200), TILL);
        // Dies at the engine's checkpoints: right before a 2103 or a refund leaves (its SENT state committed),
        // between the two legs; during first tries, retries after a lost answer and resumes alike ...
        engine.setCheckpoint(crash::maybe);
        // ... and right after a platform answered, before the answer is journalled.
        engine.setAfterCall((order, leg) -> crash.maybe(order, leg.equals("INSURANCE") ? "after-2103" : "after-refund",
                false));
        List<RefundRow> open = journal.inProgress();
        List<PaidOrder> all = paidOrders(orders);
        Set<String> started = new HashSet<>();
        journal.findAll(all.stream().map(PaidOrder::orderNo).toList()).forEach(r -> started.add(r.id));
        out.println("journal " + started.size() + " inprogress " + open.size() + " paid " + all.size());
        out.flush();
        engine.resume();
        List<PaidOrder> todo = new ArrayList<>(all.stream().filter(o -> !started.contains(o.orderNo())).toList());
        Collections.shuffle(todo, rnd);
        int concurrency = 4;
        Semaphore slots = new Semaphore(concurrency);
        for (PaidOrder o : todo) {
            slots.acquire();
            out.println("launch " + o.orderNo() + " " + legs(o));
            engine.rollBack(o.orderNo(), CASHIER, null).whenComplete((r, e) -> {
                out.println("outcome " + o.orderNo() + " " + (r == null ? e : r.result() + " " + r.refusal()));
                slots.release();
            });
            Thread.sleep(rnd.nextInt(50));
        }
        slots.acquire(concurrency);
        awaitSettled(journal, 60_000);
        out.println("finished");
        engine.close();
    }

    static String legs(PaidOrder o) {
        return o.hasInsuranceLeg() && o.hasChannelLeg() ? "two-leg" : o.hasInsuranceLeg() ? "account" : "wallet";
    }

    /** SIGKILLs this JVM at a crash point with a chance of 1 in {@code every}; prints where first. */
    static final class Crash {
        private final PrintStream out;
        private final int every;
        private final Random rnd;

        Crash(PrintStream out, int every, Random rnd) {
            this.out = out;
            this.every = every;
            this.rnd = rnd;
        }

        void maybe(String order, String point, boolean retry) {
            boolean die;
            synchronized (this) {
                die = every > 0 && rnd.nextInt(every) == 0;
            }
            if (!die) {
                return;
            }
            out.println("die " + point + (retry ? "-retry" : "") + " " + order);
            out.flush();
            try {
                // SIGKILL, as the harness's own kills: no shutdown hooks, no Derby checkpoint.
                new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start()
                        .waitFor(10, TimeUnit.SECONDS);
                Thread.sleep(60_000);
            } catch (Exception e) {
                Runtime.getRuntime().halt(137);
            }
            Runtime.getRuntime().halt(137);
        }
    }

    static void awaitSettled(RefundJournal journal, long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (!journal.inProgress().isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(200);
        }
    }

    // ---- verify: the simulator's ledger against the refund journal ----

    @SuppressWarnings("unchecked")
    static void verify(EntityManagerFactory payEmf, EntityManagerFactory refEmf, RegionGateway gw, String sim,
            PrintStream out) throws Exception {
        JpaPaidOrders orders = new JpaPaidOrders(payEmf);
        RefundJournal journal = new RefundJournal(refEmf);
        RefundEngine engine = new RefundEngine(journal, orders,
                r -> REGION.equals(r) ? Optional.of(gw) : Optional.empty(), Clock.systemUTC(), Optional::empty,
                Duration.ofMillis(200), TILL);
        out.println("journal inprogress " + journal.inProgress().size());
        engine.resume();
        awaitSettled(journal, 180_000);
        engine.close();

        Map<String, Object> ledger = Json.parseObject(ChildRuntime.ledgerJson(sim));
        Map<String, Object> trades = (Map<String, Object>) ledger.get("trades");
        Map<String, Object> settlements = (Map<String, Object>) ledger.get("settlements");

        List<PaidOrder> paid = paidOrders(orders);
        Map<String, RefundRow> rows = new HashMap<>();
        journal.findAll(paid.stream().map(PaidOrder::orderNo).toList()).forEach(r -> rows.put(r.id, r));
        int lost = 0;
        int doubleRefunded = 0;
        int unresolved = 0;
        int refunded = 0;
        int failed = 0;
        int notRequested = 0;
        int cancelCalls = 0;
        int refundCalls = 0;
        List<String> problems = new ArrayList<>();
        for (PaidOrder o : paid) {
            RefundRow r = rows.get(o.orderNo());
            Map<String, Object> st = o.hasInsuranceLeg() ? (Map<String, Object>) settlements.get(o.settlementId()) : null;
            Map<String, Object> tr = o.hasChannelLeg() ? (Map<String, Object>) trades.get(o.outTradeNo()) : null;
            if (o.hasInsuranceLeg() && st == null || o.hasChannelLeg() && tr == null) {
                lost++;
                problems.add("paid order unknown to the ledger: " + o.orderNo());
                continue;
            }
            // What the ledger says moved back, per leg.
            int cancels = st == null ? 0 : ((Number) st.get("cancels")).intValue();
            boolean insBack = st != null && "CANCELLED".equals(st.get("state"));
            cancelCalls += st == null ? 0 : ((Number) st.get("cancel_calls")).intValue();
            Map<String, Object> refunds = tr == null ? Map.of() : (Map<String, Object>) tr.get("refunds");
            int moves = tr == null ? 0 : ((Number) tr.get("refund_moves")).intValue();
            long chBack = tr == null ? 0 : ((Number) tr.get("refunded_fen")).longValue();
            if (tr != null) {
                for (Object n : ((Map<String, Object>) tr.get("refund_calls")).values()) {
                    refundCalls += ((Number) n).intValue();
                }
            }
            if (cancels > 1 || moves > 1 || refunds.size() > 1 || chBack > o.channelAmount().fen()) {
                doubleRefunded++;
                problems.add("refunded twice: " + o.orderNo() + " cancels " + cancels + " moves " + moves + " refunds "
                        + refunds + " back " + chBack);
            }
            if (r == null) {
                notRequested++;
                if (insBack || chBack > 0) {
                    lost++;
                    problems.add("ledger refunded an order the journal has no refund for: " + o.orderNo());
                }
                continue;
            }
            String expectedNo = RefundEngine.outRequestNo(o.orderNo());
            boolean insOk = !o.hasInsuranceLeg() || insBack == RefundRow.DONE.equals(r.insState);
            boolean chOk = !o.hasChannelLeg() || (RefundRow.DONE.equals(r.chState)
                    ? chBack == o.channelAmount().fen() && refunds.containsKey(expectedNo)
                    : chBack == 0);
            switch (r.state) {
            case RefundRow.IN_PROGRESS -> {
                unresolved++;
                problems.add("unresolved " + r);
            }
            case RefundRow.REFUNDED -> {
                refunded++;
                boolean allBack = (!o.hasInsuranceLeg() || insBack)
                        && (!o.hasChannelLeg() || chBack == o.channelAmount().fen() && refunds.containsKey(expectedNo));
                if (!allBack || !insOk || !chOk) {
                    lost++;
                    problems.add("journal REFUNDED, ledger ins back " + insBack + " channel back " + chBack + ": " + r);
                }
            }
            case RefundRow.FAILED -> {
                failed++; // a platform refused a leg: what the journal says must be what the ledger shows
                if (!insOk || !chOk) {
                    lost++;
                    problems.add("journal FAILED, ledger ins back " + insBack + " channel back " + chBack + ": " + r);
                } else {
                    problems.add("refused by a platform (no loss): " + r + " " + r.insMessage + " " + r.chMessage);
                }
            }
            default -> {
                unresolved++;
                problems.add("state " + r.state + ": " + r);
            }
            }
        }
        problems.forEach(p -> out.println("problem " + p));
        long twoLeg = paid.stream().filter(o -> o.hasInsuranceLeg() && o.hasChannelLeg()).count();
        long account = paid.stream().filter(o -> o.hasInsuranceLeg() && !o.hasChannelLeg()).count();
        out.println("paid_orders: " + paid.size() + " (two-leg " + twoLeg + ", account only " + account
                + ", wallet only " + (paid.size() - twoLeg - account) + "), not_requested: " + notRequested
                + ", refunded: " + refunded + ", refused_by_platform: " + failed + ", ledger_2103_calls: " + cancelCalls
                + ", ledger_refund_calls: " + refundCalls);
        out.println("refunds: " + rows.size() + ", lost: " + lost + ", double_refunded: " + doubleRefunded
                + ", unresolved: " + unresolved);
    }
}
