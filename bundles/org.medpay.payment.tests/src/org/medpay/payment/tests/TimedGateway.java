package org.medpay.payment.tests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

import org.medpay.gateway.api.RegionGateway;

/**
 * Wraps a gateway and adds up the wall time spent inside its calls (network + simulator), and apart from it
 * the CPU time the calling thread spent inside them (the adapter's own work: signing, JSON, HTTP client).
 */
final class TimedGateway {

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    final AtomicLong nanos = new AtomicLong();
    final AtomicLong cpuNanos = new AtomicLong();
    final AtomicLong calls = new AtomicLong();
    final RegionGateway proxy;

    TimedGateway(RegionGateway target) {
        proxy = (RegionGateway) Proxy.newProxyInstance(TimedGateway.class.getClassLoader(),
                new Class<?>[] { RegionGateway.class }, (p, m, args) -> {
                    long t0 = System.nanoTime();
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    try {
                        return m.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (m.getDeclaringClass() == RegionGateway.class && !m.getName().equals("policy")
                                && !m.getName().equals("nextMessageId")) {
                            nanos.addAndGet(System.nanoTime() - t0);
                            cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - c0);
                            calls.incrementAndGet();
                        }
                    }
                });
    }
}
