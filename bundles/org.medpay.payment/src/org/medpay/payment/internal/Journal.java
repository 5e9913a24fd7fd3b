package org.medpay.payment.internal;

import java.util.List;
import java.util.Optional;

/** The durable record of attempts. Each method returns only once its write is committed. */
public interface Journal {

    /** Inserts the attempt and its first event. */
    void create(AttemptRow row, String detail);

    /** Updates the current-state row and appends an event, in one transaction. */
    void update(AttemptRow row, String detail);

    /** Attempts whose phase is not DONE. */
    List<AttemptRow> open();

    Optional<AttemptRow> openForSale(String saleId);

    Optional<AttemptRow> find(String id);

    List<AttemptRow> all();

    List<EventRow> events(String attemptId);
}
