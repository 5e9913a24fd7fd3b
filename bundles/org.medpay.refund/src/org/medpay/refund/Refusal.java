package org.medpay.refund;

/** Why a query or a roll back was refused; each has its own cashier message ({@code refund.refusal.*}). */
public enum Refusal {
    /** fill in at least one criterion. */
    NO_CRITERIA,
    START_AFTER_END,
    NOT_FOUND,
    /** Only paid orders can be rolled back. */
    NOT_PAID,
    ALREADY_REFUNDED,
    /** A roll back of this order is being finished; it is never started twice. */
    IN_PROGRESS,
    /** The region allows refunds on the day of the sale only. */
    OUTSIDE_WINDOW_SAME_DAY,
    /** The region allows refunds within {@code windowDays} days only. */
    OUTSIDE_WINDOW_DAYS,
    NO_GATEWAY,
    APPROVAL_REQUIRED,
    APPROVAL_DENIED,
    /** A platform refused a leg; its message says why. */
    LEG_REFUSED,
    INTERNAL
}
