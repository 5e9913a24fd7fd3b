package org.medpay.register.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * One record of the register's hash chain ({@code REG_CHAIN}): an entry or a settlement. The few columns
 * queries need are plain; everything else is the canonical {@code CONTENT} text, which the hash covers
 * together with those columns and the previous record's hash. Rows are only ever inserted.
 */
@Entity
@Table(name = "REG_CHAIN", indexes = { @Index(name = "REG_CHAIN_SALE", columnList = "SALE_ID"),
        @Index(name = "REG_CHAIN_TIME", columnList = "RECORDED_AT") })
public class ChainRecord {

    @Id
    @Column(name = "SEQ")
    private long seq;

    @Column(name = "KIND", length = 12, nullable = false)
    private String kind;

    @Column(name = "SALE_ID", length = 64, nullable = false)
    private String saleId;

    @Column(name = "RECORDED_AT", nullable = false)
    private Instant recordedAt;

    @Lob
    @Column(name = "CONTENT", nullable = false)
    private String content;

    @Column(name = "PREV_HASH", length = 64, nullable = false)
    private String prevHash;

    @Column(name = "HASH", length = 64, nullable = false)
    private String hash;

    protected ChainRecord() {
    }

    ChainRecord(long seq, String kind, String saleId, Instant recordedAt, String content, String prevHash, String hash) {
        this.seq = seq;
        this.kind = kind;
        this.saleId = saleId;
        this.recordedAt = recordedAt;
        this.content = content;
        this.prevHash = prevHash;
        this.hash = hash;
    }

    long seq() {
        return seq;
    }

    String kind() {
        return kind;
    }

    String saleId() {
        return saleId;
    }

    Instant recordedAt() {
        return recordedAt;
    }

    String content() {
        return content;
    }

    String prevHash() {
        return prevHash;
    }

    String hash() {
        return hash;
    }
}
