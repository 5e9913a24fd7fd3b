package org.medpay.gateway.api;

import java.time.LocalDate;
import java.util.List;

import org.medpay.core.money.Money;

/** What the platforms booked on one day, to compare with the journal. */
public record ReconciliationReport(LocalDate day, List<Line> lines) {

    public ReconciliationReport {
        lines = List.copyOf(lines);
    }

    /** @param reference {@code setl_id} for the insurance leg, {@code out_trade_no} for a channel trade */
    public record Line(String reference, String kind, Money amount, boolean reversedOrRefunded) {
    }

    public Money total() {
        Money sum = Money.ZERO;
        for (Line l : lines) {
            if (!l.reversedOrRefunded()) {
                sum = sum.plus(l.amount());
            }
        }
        return sum;
    }
}
