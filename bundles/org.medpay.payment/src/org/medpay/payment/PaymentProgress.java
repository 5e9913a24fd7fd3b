package org.medpay.payment;

/**
 * @param secondsLeft seconds left of the 60 s window of N-3 (0 once it is over)
 * @param deadlineEpochMillis when the window closes, so a view can count down between reports
 */
public record PaymentProgress(String attemptId, AttemptState state, int secondsLeft, long deadlineEpochMillis) {
}
