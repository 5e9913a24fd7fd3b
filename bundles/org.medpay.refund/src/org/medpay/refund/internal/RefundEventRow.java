package org.medpay.refund.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Append-only history of a refund (REF_EVENT), written in the same transaction as the row. */
@Entity
@Table(name = "REF_EVENT")
public class RefundEventRow {
    /** {@code <order no>#<n>}. */
    @Id
    @Column(length = 48)
    public String id;
    @Column(length = 40)
    public String refundId;
    @Column(name = "EVENT_AT")
    public long at;
    @Column(length = 16)
    public String state;
    @Column(length = 16)
    public String insState;
    @Column(length = 16)
    public String chState;
    @Column(length = 500)
    public String detail;

    public RefundEventRow() {
    }
}
