package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.Test;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.internal.AttemptRow;
import org.medpay.payment.internal.ExecutorTaskScheduler;
import org.medpay.payment.internal.GatewayDirectory;
import org.medpay.payment.internal.JpaJournal;
import org.medpay.payment.internal.SettlementEngine;
import org.medpay.payment.internal.Timing;
import org.medpay.persistence.JpaProvider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * The workstation's own time per payment: wall time from settle() to the outcome minus the time spent
 * inside gateway calls (HTTP + simulator). Real engine, real journal on Derby (durable commits), the real
 * sandbox gateway from OSGi. Run by releng/bench/payment-overhead.sh; writes target/payment-overhead.txt.
 */
class PaymentOverheadBenchmark {

    @Test
    void measure() throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 100);
        int n = System.getenv("BENCH_PAYMENTS") == null ? 400 : Integer.parseInt(System.getenv("BENCH_PAYMENTS"));
        BundleContext ctx = FrameworkUtil.getBundle(PaymentOverheadBenchmark.class).getBundleContext();
        Fixture.await(RegionGateway.class);
        Collection<ServiceReference<RegionGateway>> refs = ctx.getServiceReferences(RegionGateway.class,
                "(" + RegionGateway.REGION_PROPERTY + "=999999)");
        RegionGateway sandbox = ctx.getService(refs.iterator().next());
        TimedGateway timed = new TimedGateway(sandbox);
        EntityManagerFactory emf = Fixture.await(JpaProvider.class).createEntityManagerFactory("medpay.payment",
                AttemptRow.class.getClassLoader());
        GatewayDirectory dir = new GatewayDirectory();
        String region = "B999999";
        dir.add("bench", region, 0, 1, timed.proxy);
        try (ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(4)) {
            JpaJournal real = new JpaJournal(emf);
            java.util.concurrent.atomic.AtomicLong journalNanos = new java.util.concurrent.atomic.AtomicLong();
            org.medpay.payment.internal.Journal timedJournal = (org.medpay.payment.internal.Journal) java.lang.reflect.Proxy
                    .newProxyInstance(PaymentOverheadBenchmark.class.getClassLoader(),
                            new Class<?>[] { org.medpay.payment.internal.Journal.class }, (p, m, a) -> {
                                long t = System.nanoTime();
                                try {
                                    return m.invoke(real, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                } finally {
                                    journalNanos.addAndGet(System.nanoTime() - t);
                                }
                            });
            SettlementEngine engine = new SettlementEngine(timedJournal, dir, Clock.systemUTC(), scheduler,
                    Timing.PROCEDURE, region);
            List<Double> journalMs = new ArrayList<>();
            List<Double> cpuMs = new ArrayList<>();
            Random rnd = new Random(42);
            OperatorRef op = new OperatorRef("B01", "bench");
            List<Double> overhead = new ArrayList<>();
            List<Double> gatewayMs = new ArrayList<>();
            for (int i = 0; i < warmup + n; i++) {
                // Mix: channel only (N-2, pay), account (1101 + 2102), fallback (1101 + 2102 refused + pay).
                Sale sale = HarnessSales.sale(rnd, "B" + System.nanoTime());
                String last = switch (i % 3) { case 0 -> "0" + rnd.nextInt(10); case 1 -> "0" + rnd.nextInt(10); default -> "1" + rnd.nextInt(10); };
                ScannedCode code = HarnessSales.walletCode(rnd, last);
                long g0 = timed.nanos.get();
                long j0 = journalNanos.get();
                long t0 = System.nanoTime();
                PaymentOutcome o = engine.settle(sale, code, op, null).get(30, TimeUnit.SECONDS);
                long wall = System.nanoTime() - t0;
                long inGateway = timed.nanos.get() - g0;
                long inJournal = journalNanos.get() - j0;
                assertEquals(PaymentOutcome.Result.PAID, o.result(), o.toString());
                if (i >= warmup) {
                    overhead.add((wall - inGateway) / 1e6);
                    gatewayMs.add(inGateway / 1e6);
                    journalMs.add(inJournal / 1e6);
                    cpuMs.add((wall - inGateway - inJournal) / 1e6);
                }
            }
            engine.close();
            overhead.sort(null);
            gatewayMs.sort(null);
            journalMs.sort(null);
            cpuMs.sort(null);
            double fsync = fsyncMillis(Path.of(System.getProperty("medpay.data.dir", "target")));
            List<String> lines = List.of("payments: " + n + " (after " + warmup + " warm-up)",
                    "settle_overhead_p50_ms: " + fmt(pct(overhead, 50)),
                    "settle_overhead_p99_ms: " + fmt(pct(overhead, 99)),
                    "settle_overhead_max_ms: " + fmt(overhead.get(overhead.size() - 1)),
                    "journal_commit_time_p50_ms: " + fmt(pct(journalMs, 50)) + " (durable Derby commits, 2-3 per payment, included above)",
                    "journal_commit_time_p99_ms: " + fmt(pct(journalMs, 99)),
                    "overhead_without_journal_p99_ms: " + fmt(pct(cpuMs, 99)) + " (routing, state machine, scheduling)",
                    "disk_fsync_probe_ms: " + fmt(fsync) + " (one 4 KiB write + force on this machine's disk)",
                    "load_average: " + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    "gateway_time_p50_ms: " + fmt(pct(gatewayMs, 50)) + " (HTTP + simulator, excluded)");
            Files.write(Path.of("target", "payment-overhead.txt"), lines);
            lines.forEach(System.out::println);
            assertTrue(overhead.size() == n);
        } finally {
            emf.close();
        }
    }

    /** Median time of a 4 KiB write + fsync in the data area: the floor of one durable commit. */
    private static double fsyncMillis(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve("fsync-probe.bin");
        List<Double> t = new ArrayList<>();
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4096);
            for (int i = 0; i < 30; i++) {
                b.clear();
                long t0 = System.nanoTime();
                ch.write(b, (long) i * 4096);
                ch.force(false);
                t.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Files.deleteIfExists(f);
        t.sort(null);
        return pct(t, 50);
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
