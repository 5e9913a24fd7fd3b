package org.medpay.payment.internal;

import java.time.Duration;

/**
 * The time rules of settlement. {@link #PROCEDURE} is the product's; the fault-injection harness scales
 * them down (same rules, shorter seconds) to run hundreds of payments.
 *
 * @param window              N-3: the buyer has this long to confirm
 * @param poll                on PAYING, ask again this often (domain: 3-5 s)
 * @param unknownQuery        after a lost pay answer / SYSTEMERROR, query after this long
 * @param wechatNoReverse     WeChat: no reverse within this long of the pay call
 * @param userpayingGrace     after the window, how long a WeChat USERPAYING may hold the reverse back
 * @param cancelRetry         platform said retry (retry_flag / recall): call again after this long
 * @param maxCancelRetries    then treat as unknown and go to the background
 * @param background          first background retry of an UNKNOWN attempt; doubles up to {@code backgroundMax}
 */
public record Timing(Duration window, Duration poll, Duration unknownQuery, Duration wechatNoReverse,
        Duration userpayingGrace, Duration cancelRetry, int maxCancelRetries, Duration background,
        Duration backgroundMax) {

    public static final Timing PROCEDURE = new Timing(Duration.ofSeconds(60), Duration.ofSeconds(4),
            Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(2), 5,
            Duration.ofSeconds(10), Duration.ofMinutes(5));

    /** Every duration divided by {@code factor}. */
    public Timing scaled(int factor) {
        return new Timing(window.dividedBy(factor), poll.dividedBy(factor), unknownQuery.dividedBy(factor),
                wechatNoReverse.dividedBy(factor), userpayingGrace.dividedBy(factor), cancelRetry.dividedBy(factor),
                maxCancelRetries, background.dividedBy(factor), backgroundMax.dividedBy(factor));
    }
}
