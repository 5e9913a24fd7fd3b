package org.medpay.payment;

/** Progress of one attempt; called on a background thread (the UI hops to its own). */
@FunctionalInterface
public interface PaymentListener {
    void onProgress(PaymentProgress progress);
}
