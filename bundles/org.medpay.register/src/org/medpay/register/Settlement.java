package org.medpay.register;

import java.time.Instant;

import org.medpay.core.money.Money;

/** The settlement appended to the register after the payment completed (its own chained record). */
public record Settlement(long seq, String settlementId, String tradeNo, Money insurancePaid, Money channelPaid,
        Instant confirmedAt) {
}
