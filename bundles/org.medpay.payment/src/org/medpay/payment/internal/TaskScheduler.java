package org.medpay.payment.internal;

import java.time.Duration;

/** Where the engine runs its steps; tests drive a virtual one together with their clock. */
public interface TaskScheduler {

    void schedule(Runnable task, Duration delay);

    default void execute(Runnable task) {
        schedule(task, Duration.ZERO);
    }
}
