package org.medpay.scanner;

/**
 * Receives scans, N-4 diagnoses and status changes. Called on a scanner thread (serial) or the SWT thread
 * (wedge): a UI listener hops to the display thread itself and never blocks the caller.
 */
public interface ScanListener {

    void scanned(ScanEvent event);

    /** Something seen that looks like interception or a bad scan (rule N-4); nothing was delivered. */
    default void diagnosed(ScanDiagnosis diagnosis) {
    }

    default void statusChanged(ScannerStatus status) {
    }
}
