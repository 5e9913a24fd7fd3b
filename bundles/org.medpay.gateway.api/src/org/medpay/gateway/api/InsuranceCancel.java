package org.medpay.gateway.api;

/** A 2103 call: cancels {@code settlementId}. */
public record InsuranceCancel(String messageId, String settlementId, String visitId, String personNo,
        OperatorRef operator) {
}
