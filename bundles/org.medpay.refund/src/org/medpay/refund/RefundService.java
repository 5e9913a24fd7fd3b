package org.medpay.refund;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.medpay.gateway.api.OperatorRef;

/**
 * The refund perspective's service (R-1..R-4): find paid orders, roll one back (both legs, exactly once).
 * {@link #query} reads the database: call it off the UI thread. {@link #rollBack} returns at once.
 */
public interface RefundService {

    /** orders matching every given criterion, newest first; a refusal when the criteria are unusable. */
    QueryResult query(RefundCriteria criteria);

    /**
     * cancels the insurance leg (2103) and refunds the channel leg (stable refund number), journal
     * first. Refused before anything is sent when the order is not refundable, outside the region's refund
     * window, or the supervisor's approval is missing or wrong.
     *
     * @param approval the supervisor's code and PIN; required when {@link #approvalRequired()}
     */
    CompletableFuture<RollBackOutcome> rollBack(String orderNo, OperatorRef operator, Approval approval);

    /** True when a {@link SupervisorApproval} service is present: the UI must ask for code and PIN. */
    boolean approvalRequired();

    /** Refunds still being finished in the background (a lost answer being retried). */
    List<String> inProgress();
}
