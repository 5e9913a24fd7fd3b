package org.medpay.payment.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Real threads: gateway calls block, so a few of them; never the UI thread. */
public final class ExecutorTaskScheduler implements TaskScheduler, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    public ExecutorTaskScheduler(int threads) {
        AtomicInteger n = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "medpay-payment-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        if (executor.isShutdown()) {
            return; // deactivated: the journal keeps the attempt, the next start recovers it
        }
        executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        // Let a running step finish its journal write: an interrupt makes Derby close the connection mid-commit.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(3, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
