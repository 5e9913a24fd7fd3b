package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medpay.testing.ChildJvm;

/**
 * Fault injection (issue 4 evidence): the simulator runs as its own process with random faults; the
 * payment core runs in child JVMs that are killed with SIGKILL at random moments of settlement, restarted
 * (recovery resolves what was open), again and again until at least 500 payments exist; a last child
 * lets recovery finish and compares the simulator's ledger with the journal. Not a unit test (the name
 * does not end in Test): run by releng/bench/payment-faults.sh.
 */
class PaymentFaultHarness {

    private static final int TARGET = ChildJvm.envInt("HARNESS_PAYMENTS", 500);

    @Test
    void killAndRecoverUntilTheLedgerMatchesTheJournal() throws Exception {
        ChildJvm.Setup harness = ChildJvm.setUp("payment-faults", PaymentFaultHarness.class);
        try (ChildJvm.Simulator sim = harness.startSimulator("--faultPercent", "12", "--confirmAfterSeconds", "3",
                "--wechatReverseMinSeconds", "1", "--slowDelayMillis", "2500")) {
            String url = sim.url();
            int runs = 0;
            int kills = 0;
            int journalled = 0;
            boolean lastKilled = false;
            // Until enough payments exist, and always end on a kill so the verifying start must recover.
            while (journalled < TARGET + 40 || !lastKilled) {
                runs++;
                boolean kill = runs % 5 != 0 || journalled >= TARGET + 40; // every fifth run ends by itself
                ChildJvm.Run r = harness.run(FaultChild.class, List.of("run", harness.dataDir(),
                        url, Long.toString(harness.rnd().nextLong()), Integer.toString(100), "12"),
                        kill ? 3000 + harness.rnd().nextInt(9000) : -1, harness.file("child-" + runs + ".log"));
                kills += r.killed() ? 1 : 0;
                lastKilled = r.killed();
                journalled = Math.max(journalled, journalCount(r)) + r.launches();
                harness.report().add("run " + runs + ": journal " + journalCount(r) + " (open " + openCount(r)
                        + ") launched " + r.launches()
                        + (r.killed() ? " killed -9 after " + r.lifeMillis() + " ms" : " ended by itself"));
            }
            ChildJvm.Run v = harness.run(FaultChild.class,
                    List.of("verify", harness.dataDir(), url), -1, harness.file("verify.log"));
            harness.report().add("runs: " + runs + ", kills: " + kills + ", open at the last start: " + openCount(v));
            harness.report().addAll(v.lines().stream()
                    .filter(l -> l.startsWith("problem") || l.startsWith("sales:") || l.startsWith("interrupted")).toList());
            String verdict = v.lines().stream().filter(l -> l.startsWith("payments: ")).findFirst().orElse(null);
            assertNotNull(verdict, "verify printed no verdict; see " + harness.file("verify.log"));
            harness.report().add(verdict);
            Files.write(harness.file("result.txt"), harness.report());
            Files.write(Path.of("target", "payment-faults.txt"), harness.report());
            assertTrue(verdict.matches("payments: \\d+, lost: 0, double_charged: 0, unresolved: 0"), verdict);
        }
    }

    /** FaultChild's journal line: {@code journal <rows> open <open rows>}; -1 when the child printed none. */
    private static int journalCount(ChildJvm.Run r) {
        return r.journal() == null ? -1 : Integer.parseInt(r.journal().split(" ")[0]);
    }

    private static int openCount(ChildJvm.Run r) {
        return r.journal() == null ? -1 : Integer.parseInt(r.journal().split(" ")[2]);
    }
}
