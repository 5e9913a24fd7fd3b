package org.medpay.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault harnesses' side of a child JVM: the sandbox simulator as a process of its own, and the payment or
 * refund core run on the harness's class path and killed with SIGKILL at a random moment. A child speaks by
 * lines on standard output: {@code journal ...} once its journal is open (the kill timer starts there: JVM
 * and EclipseLink start-up is not settlement), {@code launch ...} per payment or refund it starts.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * What one child did.
     *
     * @param journal the text after "journal " of its journal line, {@code null} when it printed none
     * @param killed whether the harness killed it (a child that SIGKILLs itself exits with 137)
     */
    public record Run(String journal, int launches, boolean killed, int exit, long lifeMillis, List<String> lines) {
    }

    /** An integer from the environment (the bench scripts' options), {@code fallback} when unset. */
    public static int envInt(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.strip());
    }

    /**
     * What a harness starts from: an empty folder {@code name} next to the test runtime's data folder
     * (medpay.data.dir) with the class path in classpath.txt, the seed (HARNESS_SEED, or the time: a failed run
     * is repeated with the seed it reports), the harness's random numbers from it, and the report, its first
     * line the seed.
     */
    public record Setup(Path work, String cp, long seed, Random rnd, List<String> report) {

        /** {@code name} in the work folder. */
        public Path file(String name) {
            return work.resolve(name);
        }

        /** The children's data folder (their Derby database): every child of the run opens the same one. */
        public String dataDir() {
            return file("data").toString();
        }

        /** Runs {@code main} in a child JVM on this run's class path (see {@link ChildJvm#run}). */
        public Run run(Class<?> main, List<String> args, int killAfterMillis, Path log) throws Exception {
            return ChildJvm.run(cp, main.getName(), args, killAfterMillis, log);
        }

        /**
         * Starts the simulator with {@code options} and this run's seed for its faults, its output in
         * simulator.log; the report says where it listens.
         */
        public Simulator startSimulator(String... options) throws Exception {
            List<String> all = new ArrayList<>(List.of("--faultSeed", Long.toString(seed)));
            all.addAll(List.of(options));
            Simulator sim = ChildJvm.startSimulator(cp, file("simulator.log"), all.toArray(String[]::new));
            report.add("simulator: " + sim.url() + " (separate process, pid " + sim.process().pid() + ")");
            return sim;
        }
    }

    /** @param anchor a class of the harness: its bundle's context lists the runtime's bundles */
    public static Setup setUp(String name, Class<?> anchor) throws IOException {
        Path work = Path.of(System.getProperty("medpay.data.dir", "target/medpay-data")).toAbsolutePath().getParent()
                .resolve(name);
        if (Files.exists(work)) {
            try (var s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
        Files.createDirectories(work);
        String cp = HarnessClasspath.build(Services.context(anchor));
        Files.writeString(work.resolve("classpath.txt"), cp.replace(File.pathSeparator, "\n"));
        String v = System.getenv("HARNESS_SEED");
        long seed = v == null || v.isBlank() ? System.currentTimeMillis() : Long.parseLong(v.strip());
        List<String> report = new ArrayList<>();
        report.add("seed: " + seed);
        return new Setup(work, cp, seed, new Random(seed), report);
    }

    /**
     * Starts the sandbox simulator (SimulatorMain, any free port) with {@code options}, its output in
     * {@code log}; returns once it listens.
     */
    public static Simulator startSimulator(String cp, Path log, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HarnessClasspath.java(), "-cp", cp,
                "org.medpay.gateway.sandbox.simulator.SimulatorMain", "--port", "0"));
        cmd.addAll(List.of(options));
        Process sim = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            return new Simulator(sim, awaitUrl(log, sim));
        } catch (Exception | Error e) {
            sim.destroyForcibly();
            throw e;
        }
    }

    /** A simulator process and its base URL. */
    public record Simulator(Process process, String url) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
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

    /**
     * Runs {@code mainClass} with {@code args} in a child JVM (256 MB, warnings only) on {@code cp}, its output
     * copied to {@code log}; with {@code killAfterMillis > 0}, kills it with SIGKILL that long after its
     * journal line unless it ended before. Waits for it to end (at most 5 minutes).
     */
    public static Run run(String cp, String mainClass, List<String> args, int killAfterMillis, Path log)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HarnessClasspath.java(), "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", cp, mainClass));
        cmd.addAll(args);
        long t0 = System.currentTimeMillis();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger launches = new AtomicInteger();
        AtomicReference<String> journal = new AtomicReference<>();
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
                        journal.set(line.substring("journal ".length()));
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        reader.start();
        boolean killed = false;
        if (killAfterMillis > 0) {
            // Count from the journal line: JVM and EclipseLink start-up is not settlement.
            long until = System.currentTimeMillis() + 60_000;
            while (journal.get() == null && p.isAlive() && System.currentTimeMillis() < until) {
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
        return new Run(journal.get(), launches.get(), killed, exit, System.currentTimeMillis() - t0,
                new ArrayList<>(lines));
    }
}
