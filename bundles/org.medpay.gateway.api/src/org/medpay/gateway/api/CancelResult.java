package org.medpay.gateway.api;

/**
 * @param done   the trade is now definitely closed or reversed
 * @param retry  the platform asks to call cancel again ({@code retry_flag=Y}, {@code recall=Y})
 * @param action what the platform did: {@code close} (unpaid) or {@code refund} (paid, money returned)
 */
public record CancelResult(boolean done, boolean retry, String action) {
}
