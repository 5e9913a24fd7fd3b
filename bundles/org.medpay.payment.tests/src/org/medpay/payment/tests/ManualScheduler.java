package org.medpay.payment.tests;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

import org.medpay.payment.internal.TaskScheduler;

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
                clock.set(t.due);
            }
            t.run.run();
        }
        if (clock.millis() < end) {
            clock.set(end);
        }
    }

    synchronized int pending() {
        return queue.size();
    }

    static final class MutableClock extends Clock {
        private volatile long millis;

        MutableClock(Instant start) {
            millis = start.toEpochMilli();
        }

        void set(long m) {
            millis = m;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }
    }
}
