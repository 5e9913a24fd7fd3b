package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Fault injection (issue 4 evidence): the simulator runs as its own process with random faults; the
 * payment core runs in child JVMs that are killed with SIGKILL at random moments of settlement, restarted
 * (recovery resolves what was open), again and again until at least 500 payments exist; a last child
 * lets recovery finish and compares the simulator's ledger with the journal. Not a unit test (the name
 * does not end in Test): run by releng/bench/payment-faults.sh.
 */
class PaymentFaultHarness {

    private static final int TARGET = envInt("HARNESS_PAYMENTS", 500);

    private static int envInt(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
    }

    @Test
    void killAndRecoverUntilTheLedgerMatchesTheJournal() throws Exception {
        Path work = Path.of(System.getProperty("medpay.data.dir", "target/medpay-data")).getParent().resolve("payment-faults");
        deleteTree(work);
        Files.createDirectories(work);
        String cp = HarnessClasspath.build();
        Files.writeString(work.resolve("classpath.txt"), cp.replace(java.io.File.pathSeparator, "\n"));
        long seed = System.getenv("HARNESS_SEED") == null || System.getenv("HARNESS_SEED").isBlank() ? System.currentTimeMillis() : Long.parseLong(System.getenv("HARNESS_SEED"));
        Random rnd = new Random(seed);
        List<String> report = new ArrayList<>();
        report.add("seed: " + seed);

        Process sim = new ProcessBuilder(HarnessClasspath.java(), "-cp", cp,
                "org.medpay.gateway.sandbox.simulator.SimulatorMain", "--port", "0", "--faultPercent", "12",
                "--faultSeed", Long.toString(seed), "--confirmAfterSeconds", "3", "--wechatReverseMinSeconds", "1",
                "--slowDelayMillis", "2500").redirectErrorStream(true).redirectOutput(work.resolve("simulator.log").toFile())
                .start();
        try {
            String url = awaitUrl(work.resolve("simulator.log"), sim);
            report.add("simulator: " + url + " (separate process, pid " + sim.pid() + ")");
            int runs = 0;
            int kills = 0;
            int journalled = 0;
            boolean lastKilled = false;
            // Until enough payments exist, and always end on a kill so the verifying start must recover.
            while (journalled < TARGET + 40 || !lastKilled) {
                runs++;
                boolean kill = runs % 5 != 0 || journalled >= TARGET + 40; // every fifth run ends by itself
                ChildRun r = runChild(cp, work, List.of("run", work.resolve("data").toString(), url,
                        Long.toString(rnd.nextLong()), Integer.toString(100), "12"), kill ? 3000 + rnd.nextInt(9000) : -1,
                        work.resolve("child-" + runs + ".log"));
                kills += r.killed ? 1 : 0;
                lastKilled = r.killed;
                journalled = Math.max(journalled, r.journalBefore) + r.launches;
                report.add("run " + runs + ": journal " + r.journalBefore + " (open " + r.openBefore + ") launched "
                        + r.launches + (r.killed ? " killed -9 after " + r.lifeMillis + " ms" : " ended by itself"));
            }
            ChildRun v = runChild(cp, work, List.of("verify", work.resolve("data").toString(), url), -1,
                    work.resolve("verify.log"));
            report.add("runs: " + runs + ", kills: " + kills + ", open at the last start: " + v.openBefore);
            report.addAll(v.lines.stream().filter(l -> l.startsWith("problem") || l.startsWith("sales:") || l.startsWith("interrupted")).toList());
            String verdict = v.lines.stream().filter(l -> l.startsWith("payments: ")).findFirst().orElse(null);
            assertNotNull(verdict, "verify printed no verdict; see " + work.resolve("verify.log"));
            report.add(verdict);
            Files.write(work.resolve("result.txt"), report);
            Files.write(Path.of("target", "payment-faults.txt"), report);
            assertTrue(verdict.matches("payments: \\d+, lost: 0, double_charged: 0, unresolved: 0"), verdict);
        } finally {
            sim.destroyForcibly();
            sim.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record ChildRun(int journalBefore, int openBefore, int launches, boolean killed, long lifeMillis,
            List<String> lines) {
    }

    private static ChildRun runChild(String cp, Path work, List<String> args, int killAfterMillis, Path log)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HarnessClasspath.java(), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", cp, FaultChild.class.getName()));
        cmd.addAll(args);
        long t0 = System.currentTimeMillis();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger launches = new AtomicInteger();
        AtomicInteger journal = new AtomicInteger(-1);
        AtomicInteger open = new AtomicInteger(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    var w = Files.newBufferedWriter(log)) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    w.write(line);
                    w.newLine();
                    if (line.startsWith("launch ")) {
                        launches.incrementAndGet();
                    } else if (line.startsWith("journal ")) {
                        String[] f = line.split(" ");
                        journal.set(Integer.parseInt(f[1]));
                        open.set(Integer.parseInt(f[3]));
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        reader.start();
        boolean killed = false;
        if (killAfterMillis > 0) {
            // Count from the first journal line: JVM start-up is not settlement.
            long until = System.currentTimeMillis() + 60_000;
            while (journal.get() < 0 && p.isAlive() && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            if (!p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no Derby checkpoint
                killed = true;
            }
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        p.waitFor();
        reader.join(5_000);
        return new ChildRun(journal.get(), open.get(), launches.get(), killed, System.currentTimeMillis() - t0,
                new ArrayList<>(lines));
    }

    private static String awaitUrl(Path log, Process sim) throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            if (Files.exists(log)) {
                for (String l : Files.readAllLines(log)) {
                    int i = l.indexOf("simulator listening on ");
                    if (i >= 0) {
                        return l.substring(i + "simulator listening on ".length()).strip();
                    }
                }
            }
            if (!sim.isAlive()) {
                throw new IllegalStateException("simulator died: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("simulator did not start");
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var s = Files.walk(p)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }
}
