package org.medpay.refund.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.medpay.testing.ChildJvm;

/**
 * Fault injection for refunds (issue 6, R-3/R-4 exactly once): the simulator runs as its own process; a
 * first child JVM pays orders for real (two-leg, account only, wallet only); then, with the simulator
 * injecting random faults (lost answers, resets, slow and truncated answers), child JVMs roll the paid orders
 * back and are killed with SIGKILL: by themselves at the engine's crash points (right before a 2103 or a
 * refund leaves, right after a platform answered and before the answer is journalled, between the two legs;
 * first tries, retries and resumes alike) and by this harness at random moments. Each new child resumes what
 * the last left (RefundEngine.resume). A last child lets the journal settle and compares the simulator's
 * ledger with the refund journal. Not a unit test (the name does not end in Test): run by
 * releng/bench/refund-faults.sh. Prints {@code refunds: N, lost: N, double_refunded: N, unresolved: N}.
 */
class RefundFaultHarness {

    private static final int TARGET = ChildJvm.envInt("HARNESS_REFUNDS", 200);
    /** A child dies at a crash point with a chance of 1 in this. */
    private static final int DIE_EVERY = ChildJvm.envInt("HARNESS_DIE_EVERY", 25);

    @Test
    void rollBackKillAndResumeUntilTheLedgerMatchesTheJournal() throws Exception {
        ChildJvm.Setup harness = ChildJvm.setUp("refund-faults", RefundFaultHarness.class);
        try (ChildJvm.Simulator sim = harness.startSimulator("--faultPercent", "0", "--splitAccountPay", "true",
                "--slowDelayMillis", "2500", "--wechatReverseMinSeconds", "1")) {
            String url = sim.url();
            String data = harness.dataDir();

            int toPay = TARGET + TARGET / 5;
            ChildRun pay = runChild(harness, List.of("pay", data, url, Long.toString(harness.rnd().nextLong()),
                    Integer.toString(toPay)), -1, harness.file("pay.log"));
            int paid = pay.lines.stream().filter(l -> l.startsWith("paid_orders ")).map(l -> Integer.parseInt(l.substring(12)))
                    .findFirst().orElse(0);
            harness.report().add("paid: " + paid + " of " + toPay + " sales (no faults while paying)");
            assertTrue(paid >= TARGET, "too few paid orders to roll back: " + paid + "; see " + harness.file("pay.log"));

            // From now on the platforms lose answers, reset connections, answer slowly or half.
            HttpClient http = HttpClient.newHttpClient();
            http.send(HttpRequest.newBuilder(URI.create(url + "/sim/settings"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"faultPercent\":12}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            int runs = 0;
            int timerKills = 0;
            Map<String, Integer> points = new TreeMap<>();
            while (runs < 200) {
                runs++;
                int killAfter = 2_000 + harness.rnd().nextInt(7_000);
                ChildRun r = runChild(harness, List.of("refund", data, url, Long.toString(harness.rnd().nextLong()),
                        Integer.toString(DIE_EVERY)), killAfter, harness.file("refund-" + runs + ".log"));
                String died = r.lines.stream().filter(l -> l.startsWith("die ")).map(l -> l.split(" ")[1]).findFirst()
                        .orElse(null);
                if (died != null) {
                    points.merge(died, 1, Integer::sum);
                } else if (r.killed) {
                    timerKills++;
                }
                harness.report().add("run " + runs + ": journal " + r.journalLine + ", launched " + r.launches
                        + (died != null ? ", killed -9 itself at " + died
                                : r.killed ? ", killed -9 by the harness after " + r.lifeMillis + " ms" : ", ended by itself"));
                if (r.launches == 0 && r.finished) {
                    break; // every paid order has its refund and nothing was left to resume
                }
            }
            ChildRun v = runChild(harness, List.of("verify", data, url), -1, harness.file("verify.log"));
            int selfKills = points.values().stream().mapToInt(Integer::intValue).sum();
            harness.report().add("runs: " + runs + ", kills: " + (selfKills + timerKills) + " (at crash points "
                    + selfKills + " " + points + ", at random moments " + timerKills + ")");
            harness.report().addAll(v.lines.stream().filter(l -> l.startsWith("problem") || l.startsWith("paid_orders:")
                    || l.startsWith("journal inprogress")).toList());
            String verdict = v.lines.stream().filter(l -> l.startsWith("refunds: ")).findFirst().orElse(null);
            assertNotNull(verdict, "verify printed no verdict; see " + harness.file("verify.log"));
            harness.report().add(verdict);
            Files.write(harness.file("result.txt"), harness.report());
            Files.write(harness.work().getParent().resolve("refund-faults.txt"), harness.report());
            harness.report().forEach(System.out::println);
            assertTrue(verdict.matches("refunds: \\d+, lost: 0, double_refunded: 0, unresolved: 0"), verdict);
            int n = Integer.parseInt(verdict.substring("refunds: ".length(), verdict.indexOf(',')));
            assertTrue(n >= TARGET, "only " + n + " refunds");
        }
    }

    private record ChildRun(String journalLine, int launches, boolean killed, boolean finished, long lifeMillis,
            List<String> lines) {
    }

    private static ChildRun runChild(ChildJvm.Setup harness, List<String> args, int killAfterMillis, Path log)
            throws Exception {
        ChildJvm.Run r = harness.run(RefundFaultChild.class, args, killAfterMillis, log);
        // A child that SIGKILLs itself at a crash point exits with 137 (128 + 9).
        return new ChildRun(r.journal() == null ? "?" : r.journal(), r.launches(), r.killed() || r.exit() == 137,
                r.lines().contains("finished"), r.lifeMillis(), r.lines());
    }
}
