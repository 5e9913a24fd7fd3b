package org.medpay.payment;

import java.util.List;
import java.util.Optional;

/**
 * Read-only view of the paid attempts in the payment journal, for the refund perspective. Queries
 * run on indexed columns so they stay fast on a long history. Nothing here changes the journal.
 */
public interface PaidOrders {

    /**
     * Paid orders matching every given criterion (a {@code null} criterion is ignored), newest first.
     *
     * @param personNo   the social-security person number ({@code psn_no}) of the insurance leg
     * @param orderNo    the transaction number printed for the cashier (the attempt number = {@code out_trade_no})
     * @param fromMillis inclusive, epoch millis
     * @param toMillis   inclusive, epoch millis
     */
    List<PaidOrder> find(String personNo, String orderNo, Long fromMillis, Long toMillis, int limit);

    /** One paid order by its transaction number. */
    Optional<PaidOrder> get(String orderNo);
}
