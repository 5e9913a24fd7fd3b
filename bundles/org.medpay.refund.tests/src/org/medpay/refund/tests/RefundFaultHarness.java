package org.medpay.refund.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

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

    private static final int TARGET = envInt("HARNESS_REFUNDS", 200);
    /** A child dies at a crash point with a chance of 1 in this. */
    private static final int DIE_EVERY = envInt("HARNESS_DIE_EVERY", 25);

    private static int envInt(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
    }

    @Test
    void rollBackKillAndResumeUntilTheLedgerMatchesTheJournal() throws Exception {
        Path work = Path.of(System.getProperty("medpay.data.dir", "target/medpay-data")).toAbsolutePath().getParent()
                .resolve("refund-faults");
        deleteTree(work);
        Files.createDirectories(work);
        String cp = HarnessClasspath.build();
        Files.writeString(work.resolve("classpath.txt"), cp.replace(java.io.File.pathSeparator, "\n"));
        String seedEnv = System.getenv("HARNESS_SEED");
        long seed = seedEnv == null || seedEnv.isBlank() ? System.currentTimeMillis() : Long.parseLong(seedEnv.strip());
        Random rnd = new Random(seed);
        List<String> report = new ArrayList<>();
        report.add("seed: " + seed);

        Process sim = new ProcessBuilder(HarnessClasspath.java(), "-cp", cp,
                "org.medpay.gateway.sandbox.simulator.SimulatorMain", "--port", "0", "--faultPercent", "0",
                "--faultSeed", Long.toString(seed), "--splitAccountPay", "true", "--slowDelayMillis", "2500",
                "--wechatReverseMinSeconds", "1").redirectErrorStream(true)
                .redirectOutput(work.resolve("simulator.log").toFile()).start();
        try {
            String url = awaitUrl(work.resolve("simulator.log"), sim);
            report.add("simulator: " + url + " (separate process, pid " + sim.pid() + ")");
            String data = work.resolve("data").toString();

            int toPay = TARGET + TARGET / 5;
            ChildRun pay = runChild(cp, List.of("pay", data, url, Long.toString(rnd.nextLong()), Integer.toString(toPay)),
                    -1, work.resolve("pay.log"));
            int paid = pay.lines.stream().filter(l -> l.startsWith("paid_orders ")).map(l -> Integer.parseInt(l.substring(12)))
                    .findFirst().orElse(0);
            report.add("paid: " + paid + " of " + toPay + " sales (no faults while paying)");
            assertTrue(paid >= TARGET, "too few paid orders to roll back: " + paid + "; see " + work.resolve("pay.log"));

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
                int killAfter = 2_000 + rnd.nextInt(7_000);
                ChildRun r = runChild(cp, List.of("refund", data, url, Long.toString(rnd.nextLong()),
                        Integer.toString(DIE_EVERY)), killAfter, work.resolve("refund-" + runs + ".log"));
                String died = r.lines.stream().filter(l -> l.startsWith("die ")).map(l -> l.split(" ")[1]).findFirst()
                        .orElse(null);
                if (died != null) {
                    points.merge(died, 1, Integer::sum);
                } else if (r.killed) {
                    timerKills++;
                }
                report.add("run " + runs + ": journal " + r.journalLine + ", launched " + r.launches
                        + (died != null ? ", killed -9 itself at " + died
                                : r.killed ? ", killed -9 by the harness after " + r.lifeMillis + " ms" : ", ended by itself"));
                if (r.launches == 0 && r.finished) {
                    break; // every paid order has its refund and nothing was left to resume
                }
            }
            ChildRun v = runChild(cp, List.of("verify", data, url), -1, work.resolve("verify.log"));
            int selfKills = points.values().stream().mapToInt(Integer::intValue).sum();
            report.add("runs: " + runs + ", kills: " + (selfKills + timerKills) + " (at crash points " + selfKills + " "
                    + points + ", at random moments " + timerKills + ")");
            report.addAll(v.lines.stream().filter(l -> l.startsWith("problem") || l.startsWith("paid_orders:")
                    || l.startsWith("journal inprogress")).toList());
            String verdict = v.lines.stream().filter(l -> l.startsWith("refunds: ")).findFirst().orElse(null);
            assertNotNull(verdict, "verify printed no verdict; see " + work.resolve("verify.log"));
            report.add(verdict);
            Files.write(work.resolve("result.txt"), report);
            Files.write(work.getParent().resolve("refund-faults.txt"), report);
            report.forEach(System.out::println);
            assertTrue(verdict.matches("refunds: \\d+, lost: 0, double_refunded: 0, unresolved: 0"), verdict);
            int n = Integer.parseInt(verdict.substring("refunds: ".length(), verdict.indexOf(',')));
            assertTrue(n >= TARGET, "only " + n + " refunds");
        } finally {
            sim.destroyForcibly();
            sim.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private record ChildRun(String journalLine, int launches, boolean killed, boolean finished, long lifeMillis,
            List<String> lines) {
    }

    private static ChildRun runChild(String cp, List<String> args, int killAfterMillis, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HarnessClasspath.java(), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", cp, RefundFaultChild.class.getName()));
        cmd.addAll(args);
        long t0 = System.currentTimeMillis();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger launches = new AtomicInteger();
        AtomicBoolean started = new AtomicBoolean();
        String[] journal = { "?" };
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
                        journal[0] = line.substring(8);
                        started.set(true);
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        reader.start();
        boolean killed = false;
        if (killAfterMillis > 0) {
            // Count from the journal line: JVM and EclipseLink start-up is not a roll back.
            long until = System.currentTimeMillis() + 60_000;
            while (!started.get() && p.isAlive() && System.currentTimeMillis() < until) {
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
        int exit = p.waitFor();
        reader.join(5_000);
        killed |= exit == 137;
        List<String> copy = new ArrayList<>(lines);
        return new ChildRun(journal[0], launches.get(), killed, copy.contains("finished"),
                System.currentTimeMillis() - t0, copy);
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
