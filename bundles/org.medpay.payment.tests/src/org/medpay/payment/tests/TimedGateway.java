package org.medpay.payment.tests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

import org.medpay.gateway.api.RegionGateway;

/** Wraps a gateway and adds up the time spent inside its calls (network + simulator), per thread group. */
final class TimedGateway {

    final AtomicLong nanos = new AtomicLong();
    final AtomicLong calls = new AtomicLong();
    final RegionGateway proxy;

    TimedGateway(RegionGateway target) {
        proxy = (RegionGateway) Proxy.newProxyInstance(TimedGateway.class.getClassLoader(),
                new Class<?>[] { RegionGateway.class }, (p, m, args) -> {
                    long t0 = System.nanoTime();
                    try {
                        return m.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (m.getDeclaringClass() == RegionGateway.class && !m.getName().equals("policy")
                                && !m.getName().equals("nextMessageId")) {
                            nanos.addAndGet(System.nanoTime() - t0);
                            calls.incrementAndGet();
                        }
                    }
                });
    }
}
