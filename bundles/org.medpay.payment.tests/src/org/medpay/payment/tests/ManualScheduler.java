package org.medpay.payment.tests;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

import org.medpay.payment.internal.TaskScheduler;
import org.medpay.testing.MutableClock;

/** Virtual time: a clock and a scheduler that move together, so 60 s pass in microseconds. */
final class ManualScheduler implements TaskScheduler {

    private record Task(long due, long seq, Runnable run) {
    }

    final MutableClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long seq;

    ManualScheduler(Instant start) {
        clock = new MutableClock(start);
    }

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        queue.add(new Task(clock.millis() + Math.max(0, delay.toMillis()), seq++, task));
    }

    /** Runs everything due up to {@code now + span}, advancing the clock to each task's time. */
    void runFor(Duration span) {
        long end = clock.millis() + span.toMillis();
        while (true) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.due > end) {
                    break;
                }
                queue.poll();
            }
            if (t.due > clock.millis()) {
                clock.set(Instant.ofEpochMilli(t.due));
            }
            t.run.run();
        }
        if (clock.millis() < end) {
            clock.set(Instant.ofEpochMilli(end));
        }
    }

    synchronized int pending() {
        return queue.size();
    }
}
