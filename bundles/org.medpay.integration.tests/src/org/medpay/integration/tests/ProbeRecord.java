package org.medpay.integration.tests;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A throw-away entity that proves EclipseLink, Derby and OSGi class loading work together. */
@Entity
@Table(name = "TEST_PROBE")
public class ProbeRecord {

    @Id
    private String id;

    @Column(length = 64)
    private String name;

    private long amountFen;

    private Instant createdAt;

    protected ProbeRecord() {
    }

    public ProbeRecord(String id, String name, long amountFen, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.amountFen = amountFen;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public long amountFen() {
        return amountFen;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
