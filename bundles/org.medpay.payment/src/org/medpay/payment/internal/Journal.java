package org.medpay.payment.internal;

import java.util.List;
import java.util.Optional;

/**
 * The durable record of attempts. {@link #create} and {@link #update} return only once their write is
 * committed (durably: Derby's default durability, one log sync per commit). {@link #note} is the one
 * exception: see there.
 */
public interface Journal {

    /**
     * Inserts the attempt and its first event, in one transaction (one durable commit), unless its sale has
     * an attempt whose phase is not DONE (N-3: never a new attempt while an earlier one is unresolved).
     * The check is in the same transaction: one round through the database per payment start, not two.
     *
     * @return false, with nothing written, when the sale has an unresolved attempt
     */
    boolean create(AttemptRow row, String detail);

    /**
     * Updates the current-state row and appends an event, in one transaction (one durable commit). Events
     * {@linkplain #note noted} for the attempt since its last write are appended in the same transaction,
     * before this one.
     */
    void update(AttemptRow row, String detail);

    /**
     * Appends an event for a state change whose loss on a crash changes nothing, without a commit of its
     * own: it is written (with the row as it is then) by the attempt's next {@link #update}, in order. A
     * crash before that loses it; the journal then still shows the attempt's last committed state, which
     * recovery must resolve the same way. Callers decide which changes qualify (see SettlementEngine#note).
     */
    void note(AttemptRow row, String detail);

    /** Attempts whose phase is not DONE, of every till (tools, tests). */
    List<AttemptRow> open();

    /**
     * Attempts whose phase is not DONE that the till {@code tillId} drives: its own, and those without a till
     * id. Rows without one were written before tills were told apart, when every journal was one till's own
     * embedded Derby: the till that opens that database is the one that wrote them, and nobody else would
     * ever resolve them. (Should such rows reach a central database, {@link #claim} keeps two tills from
     * driving one.)
     */
    List<AttemptRow> open(String tillId);

    /**
     * Marks an attempt without a till id as {@code tillId}'s, committed; false when it has one already
     * (another till claimed it first). A till drives such an attempt only after claiming it.
     */
    boolean claim(String attemptId, String tillId);

    Optional<AttemptRow> openForSale(String saleId);

    Optional<AttemptRow> find(String id);

    List<AttemptRow> all();

    /** Committed events only (noted ones appear once written). */
    List<EventRow> events(String attemptId);
}
