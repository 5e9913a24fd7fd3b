package org.medpay.refund;

import java.time.LocalDateTime;

/**
 * any combination; blank texts and {@code null} times are ignored, at least one must be given.
 *
 * @param ssCode  social-security person number (社保编码), exact
 * @param tradeNo transaction number (交易号), exact
 */
public record RefundCriteria(String ssCode, String tradeNo, LocalDateTime start, LocalDateTime end) {

    public RefundCriteria {
        ssCode = ssCode == null || ssCode.isBlank() ? null : ssCode.strip();
        tradeNo = tradeNo == null || tradeNo.isBlank() ? null : tradeNo.strip();
    }

    /** @return why these criteria cannot be queried, {@code null} when they can */
    public Refusal problem() {
        if (ssCode == null && tradeNo == null && start == null && end == null) {
            return Refusal.NO_CRITERIA;
        }
        if (start != null && end != null && start.isAfter(end)) {
            return Refusal.START_AFTER_END;
        }
        return null;
    }
}
