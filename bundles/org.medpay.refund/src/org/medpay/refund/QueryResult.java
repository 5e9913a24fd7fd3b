package org.medpay.refund;

import java.util.List;

/** @param refusal {@code null} when the query ran (the list may then be empty) */
public record QueryResult(List<RefundOrder> orders, Refusal refusal, boolean truncated) {

    public QueryResult {
        orders = List.copyOf(orders);
    }

    public static QueryResult refused(Refusal r) {
        return new QueryResult(List.of(), r, false);
    }
}
