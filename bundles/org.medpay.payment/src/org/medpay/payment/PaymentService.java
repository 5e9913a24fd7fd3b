package org.medpay.payment;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.gateway.api.OperatorRef;

/**
 * Settles a sale with the active region (P-11, P-12, N-1..N-3). Every call returns at once: the journal
 * write and every platform call run in the background, so the UI thread never waits.
 */
public interface PaymentService {

    /**
     * Starts a new attempt with a new number (a rescan is always a new attempt, N-3). Refused, without
     * anything sent, while an earlier attempt for the same sale is unresolved.
     *
     * @param code     the scan, already classified; only payment codes and e-vouchers are accepted
     * @param listener hears every state change and the seconds left of the 60 s window; may be {@code null}
     * @return completes with PAID, FAILED, or UNKNOWN (then resolved in the background)
     */
    CompletableFuture<PaymentOutcome> settle(Sale sale, ScannedCode code, OperatorRef operator,
            PaymentListener listener);

    /** The region the till settles with now, when its gateway is present. */
    Optional<RegionInfo> activeRegion();

    /** The configured region code (Config Admin), whether or not a gateway serves it now. */
    String activeRegionCode();

    /**
     * Called (on a background thread, never the UI thread) whenever a gateway of any region comes, goes or
     * is replaced, or the configured region changes: the status bar then asks {@link #activeRegion()} again.
     * Region bundles are installed, updated and uninstalled while the till runs (hot swap).
     */
    void addRegionListener(Runnable listener);

    void removeRegionListener(Runnable listener);

    /** True while an attempt for this sale is open (its outcome not yet known or not yet undone). */
    boolean hasUnresolvedAttempt(String saleId);

    /** Attempts not yet resolved: the cashier and support see what the background is still doing. */
    List<AttemptSummary> unresolvedAttempts();
}
