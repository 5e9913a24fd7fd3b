package org.medpay.payment.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Append-only history of an attempt (PAY_EVENT): never updated, never deleted. */
@Entity
@Table(name = "PAY_EVENT", indexes = @Index(name = "PAY_EVENT_ATTEMPT", columnList = "ATTEMPTID"))
public class EventRow {
    /** {@code <attempt id>#<n>}: unique without a sequence table. */
    @Id
    @Column(length = 48)
    public String id;
    @Column(length = 40)
    public String attemptId;
    @Column(name = "EVENT_AT")
    public long at;
    @Column(length = 24)
    public String state;
    @Column(length = 12)
    public String phase;
    @Column(length = 16)
    public String insState;
    @Column(length = 16)
    public String chState;
    @Column(length = 500)
    public String detail;

    public EventRow() {
    }
}
