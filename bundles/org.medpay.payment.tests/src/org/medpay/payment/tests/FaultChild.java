package org.medpay.payment.tests;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.medpay.core.sale.Sale;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.national.codec.Json;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.internal.AttemptRow;
import org.medpay.payment.internal.ExecutorTaskScheduler;
import org.medpay.payment.internal.GatewayDirectory;
import org.medpay.payment.internal.JpaJournal;
import org.medpay.payment.internal.SettlementEngine;
import org.medpay.payment.internal.Timing;
import org.medpay.testing.ChildRuntime;

/**
 * The workstation's payment core in a JVM of its own, so the harness can kill -9 it mid-settlement: the
 * same engine, journal (EclipseLink + Derby) and sandbox gateway (Jetty client, over HTTP to the
 * simulator process) as in the product, outside OSGi.
 *
 * <pre>
 * FaultChild run    dataDir simUrl seed maxPayments concurrency
 * FaultChild verify dataDir simUrl
 * </pre>
 */
public final class FaultChild {

    /** Same rules, seconds divided by 10: the 60 s window lasts 6 s, the WeChat 15 s rule 1.5 s. */
    static final int TIME_SCALE = 10;
    static final String REGION = "999999";
    /** Every run of the child is the same till: what a killed run left open, the next run resumes. */
    static final String TILL = "fault-harness";

    private FaultChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path data = ChildRuntime.dataDir(args[1]);
        String sim = args[2];
        JpaJournal journal = new JpaJournal(ChildRuntime.emf("medpay.payment", data));
        RegionGateway gateway = ChildRuntime.sandboxGateway(sim);
        GatewayDirectory dir = new GatewayDirectory();
        dir.add("sandbox", REGION, 0, 1, gateway);
        ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(8);
        SettlementEngine engine = new SettlementEngine(journal, dir, Clock.systemUTC(), scheduler,
                Timing.PROCEDURE.scaled(TIME_SCALE), REGION, TILL);
        out.println("journal " + journal.all().size() + " open " + journal.open().size());
        engine.recover();
        if (args[0].equals("verify")) {
            long until = System.currentTimeMillis() + 180_000;
            while ((!journal.open().isEmpty() || engine.activeCount() > 0) && System.currentTimeMillis() < until) {
                Thread.sleep(250);
            }
            verify(journal, sim, out);
            System.exit(0);
        }
        long seed = Long.parseLong(args[3]);
        int max = Integer.parseInt(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        Random rnd = new Random(seed);
        Semaphore slots = new Semaphore(concurrency);
        AtomicInteger done = new AtomicInteger();
        OperatorRef op = new OperatorRef("H01", "harness");
        for (int i = 0; i < max; i++) {
            slots.acquire();
            Sale sale = HarnessSales.sale(rnd, "H" + seed + "-" + i);
            String digits = HarnessSales.scenarioDigits(rnd);
            boolean rescan = rnd.nextInt(10) < 3;
            Random r2 = new Random(rnd.nextLong());
            out.println("launch " + sale.id());
            engine.settle(sale, HarnessSales.code(r2, digits), op, null).whenComplete((o, e) -> {
                if (rescan && o != null && o.result() == PaymentOutcome.Result.FAILED) {
                    // N-3: a rescan of the same sale is a new attempt (refused while the first is unresolved).
                    out.println("launch " + sale.id() + " rescan");
                    engine.settle(sale, HarnessSales.code(r2, "0" + r2.nextInt(10)), op, null)
                            .whenComplete((o2, e2) -> {
                                out.println("outcome " + sale.id() + " " + (o2 == null ? e2 : o2.result() + " " + o2.failure()));
                                done.incrementAndGet();
                                slots.release();
                            });
                    return;
                }
                out.println("outcome " + sale.id() + " " + (o == null ? e : o.result() + " " + o.failure()));
                done.incrementAndGet();
                slots.release();
            });
        }
        slots.acquire(concurrency);
        out.println("finished " + done.get());
        System.exit(0);
    }

    /** Compares the simulator's ledger with the journal and prints the verdict line. */
    @SuppressWarnings("unchecked")
    static void verify(JpaJournal journal, String sim, PrintStream out) throws Exception {
        Map<String, Object> ledger = Json.parseObject(ChildRuntime.ledgerJson(sim));
        Map<String, Object> trades = (Map<String, Object>) ledger.get("trades");
        Map<String, Object> settlements = (Map<String, Object>) ledger.get("settlements");
        Map<String, Map<String, Object>> bookedByMsgid = new HashMap<>();
        for (Object v : settlements.values()) {
            Map<String, Object> s = (Map<String, Object>) v;
            bookedByMsgid.put(String.valueOf(s.get("msgid")), s);
        }
        List<AttemptRow> all = journal.all();
        int lost = 0;
        int doubleCharged = 0;
        int unresolved = 0;
        List<String> problems = new ArrayList<>();
        Map<String, Integer> paidPerSale = new ConcurrentHashMap<>();
        Set<String> known = new HashSet<>();
        Set<String> knownMsgids = new HashSet<>();
        for (AttemptRow a : all) {
            known.add(a.outTradeNo == null ? a.id : a.outTradeNo);
            if (a.insMsgId != null) {
                knownMsgids.add(a.insMsgId);
            }
            if (!AttemptRow.DONE.equals(a.phase)) {
                unresolved++;
                problems.add("unresolved " + a);
                continue;
            }
            Map<String, Object> t = a.outTradeNo == null ? null : (Map<String, Object>) trades.get(a.outTradeNo);
            long net = t == null ? 0 : ((Number) t.get("net_fen")).longValue();
            int charged = t == null ? 0 : ((Number) t.get("charged")).intValue();
            Map<String, Object> st = a.insMsgId == null ? null : bookedByMsgid.get(a.insMsgId);
            boolean insBooked = st != null && "BOOKED".equals(st.get("state"));
            long acct = insBooked ? ((Number) st.get("acct_pay_fen")).longValue() : 0;
            boolean money = net > 0 || insBooked;
            if (charged > 1 || net > a.chAmountFen && a.chAmountFen > 0) {
                doubleCharged++;
                problems.add("charged " + charged + " times / net " + net + ": " + a);
            }
            if ("PAID".equals(a.state)) {
                boolean chOk = AttemptRow.PAID.equals(a.chState) ? net == a.chAmountFen : net == 0;
                boolean insOk = AttemptRow.SETTLED.equals(a.insState) ? insBooked && acct == a.insAccountFen : !insBooked;
                if (!chOk || !insOk) {
                    lost++;
                    problems.add("journal PAID, ledger net " + net + " booked " + insBooked + ": " + a);
                }
                paidPerSale.merge(a.saleId, 1, Integer::sum);
            } else if (money) {
                lost++; // money taken for a sale the till says is not paid
                problems.add("journal FAILED, ledger net " + net + " booked " + insBooked + ": " + a);
            }
        }
        for (Map.Entry<String, Integer> e : paidPerSale.entrySet()) {
            if (e.getValue() > 1) {
                doubleCharged++;
                problems.add("sale paid " + e.getValue() + " times: " + e.getKey());
            }
        }
        for (Map.Entry<String, Object> e : trades.entrySet()) {
            Map<String, Object> t = (Map<String, Object>) e.getValue();
            if (!known.contains(e.getKey()) && ((Number) t.get("net_fen")).longValue() > 0) {
                lost++;
                problems.add("ledger trade unknown to the journal: " + e.getKey());
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : bookedByMsgid.entrySet()) {
            if (!knownMsgids.contains(e.getKey()) && "BOOKED".equals(e.getValue().get("state"))) {
                lost++;
                problems.add("ledger settlement unknown to the journal: msgid " + e.getKey());
            }
        }
        long paid = all.stream().filter(a -> "PAID".equals(a.state)).count();
        long interrupted = all.stream().filter(a -> "INTERRUPTED".equals(a.failure)).count();
        out.println("interrupted_by_kill_and_undone_by_recovery: " + interrupted);
        long sales = all.stream().map(a -> a.saleId).distinct().count();
        problems.forEach(p -> out.println("problem " + p));
        out.println("sales: " + sales + ", paid_attempts: " + paid + ", ledger_trades: " + trades.size()
                + ", ledger_settlements: " + settlements.size());
        out.println("payments: " + all.size() + ", lost: " + lost + ", double_charged: " + doubleCharged
                + ", unresolved: " + unresolved);
    }
}
