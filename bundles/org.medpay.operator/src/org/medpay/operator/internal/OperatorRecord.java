package org.medpay.operator.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One operator row. The PIN exists here only as a PBKDF2 hash string (see {@link PinHasher}). */
@Entity
@Table(name = "OPR_OPERATOR")
public class OperatorRecord {

    @Id
    @Column(name = "CODE", length = 16)
    private String code;

    @Column(name = "NAME", length = 64, nullable = false)
    private String name;

    @Column(name = "ROLE", length = 16, nullable = false)
    private String role;

    @Column(name = "PIN_HASH", length = 200, nullable = false)
    private String pinHash;

    @Column(name = "FAILED_ATTEMPTS")
    private int failedAttempts;

    @Column(name = "LOCKED_UNTIL")
    private Instant lockedUntil;

    @Column(name = "ENABLED")
    private boolean enabled = true;

    @Column(name = "CREATED_AT")
    private Instant createdAt;

    protected OperatorRecord() {
    }

    OperatorRecord(String code, String name, String role, String pinHash, Instant createdAt) {
        this.code = code;
        this.name = name;
        this.role = role;
        this.pinHash = pinHash;
        this.createdAt = createdAt;
    }

    String code() {
        return code;
    }

    String name() {
        return name;
    }

    String role() {
        return role;
    }

    String pinHash() {
        return pinHash;
    }

    void pinHash(String hash) {
        pinHash = hash;
    }

    int failedAttempts() {
        return failedAttempts;
    }

    void failedAttempts(int n) {
        failedAttempts = n;
    }

    Instant lockedUntil() {
        return lockedUntil;
    }

    void lockedUntil(Instant until) {
        lockedUntil = until;
    }

    boolean enabled() {
        return enabled;
    }

    void enabled(boolean value) {
        enabled = value;
    }
}
