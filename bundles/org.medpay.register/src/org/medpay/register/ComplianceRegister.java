package org.medpay.register;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.medpay.core.money.Money;
import org.medpay.gateway.api.RegionPolicy;

/**
 * Rule P-1 (strict): a mobile medical-insurance payment above the region's threshold must be registered,
 * exactly as a payment by physical social-security card is, before it settles.
 *
 * <p>The payment service enforces it, not the screen: before it settles the insurance leg it calls
 * {@link #ensureSettlementAllowed}, so no path (shortcut, retry, recovery) settles an over-threshold payment
 * without a complete entry. The register is append-only and hash-chained; {@link #verifyChain()} finds the
 * first record that was edited, removed or put in.
 *
 * <p>Methods other than {@link #entryRequired} touch the database: call them off the UI thread.
 */
public interface ComplianceRegister {

    /**
     * P-1: strictly above the region's threshold on its basis (the insurance amount by default, or the sale
     * total). Exactly at the threshold needs no entry.
     */
    boolean entryRequired(RegionPolicy policy, Money insuranceAmount, Money total);

    /**
     * The intact entry recorded for this sale, if any (an entry whose stored content no longer matches its
     * hash does not count).
     */
    Optional<RegisterEntry> completeEntryForSale(String saleId);

    /**
     * The gate the payment service calls right before settling the insurance leg (2102): passes when no entry
     * is required, or when the sale's intact entry carries the same total and insurance amount as the payment
     * about to settle.
     */
    void ensureSettlementAllowed(RegionPolicy policy, String saleId, Money insuranceAmount, Money total)
            throws RegisterEntryRequiredException;

    /** The draft's problems, every field, without storing anything (the form calls it as the cashier types). */
    List<FieldError> validate(RegisterEntryDraft draft);

    /**
     * Validates and appends an entry; time and sequence are the register's.
     *
     * @throws RegisterValidationException listing each bad field
     */
    RegisterEntry record(RegisterEntryDraft draft);

    /**
     * Appends the settlement of a registered sale as a new chained record (never an update of the entry).
     *
     * @throws IllegalStateException when the sale has no entry
     */
    Settlement confirmSettlement(String saleId, String settlementId, String tradeNo, Money insurancePaid,
            Money channelPaid);

    /** Entries recorded on these days (inclusive, the till's time zone), oldest first, with their settlements. */
    List<RegisterEntry> entries(LocalDate from, LocalDate to);

    /** Walks the whole chain from the first record. */
    ChainVerification verifyChain();

    /** CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends, identifiers masked. */
    void exportCsv(LocalDate from, LocalDate to, OutputStream out) throws IOException;

    /** A self-contained HTML page with print CSS (A4 landscape) for inspections, identifiers masked. */
    void exportHtml(LocalDate from, LocalDate to, OutputStream out) throws IOException;
}
