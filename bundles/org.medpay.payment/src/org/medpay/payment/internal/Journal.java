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

    /** Attempts whose phase is not DONE. */
    List<AttemptRow> open();

    Optional<AttemptRow> openForSale(String saleId);

    Optional<AttemptRow> find(String id);

    List<AttemptRow> all();

    /** Committed events only (noted ones appear once written). */
    List<EventRow> events(String attemptId);
}
