package org.medpay.payment.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * The current state of one payment attempt (PAY_ATTEMPT); every change to it is also appended to
 * PAY_EVENT in the same transaction. Written before any request leaves (architecture invariant 1).
 * Times are epoch milliseconds from the injected clock; amounts are fen.
 */
@Entity
@Table(name = "PAY_ATTEMPT", indexes = { @Index(name = "PAY_ATTEMPT_SALE", columnList = "SALEID,PHASE"),
        @Index(name = "PAY_ATTEMPT_PHASE", columnList = "PHASE") })
public class AttemptRow {

    /** Phases: FORWARD tries to pay, BACKWARD undoes whatever was booked, DONE is final. */
    public static final String FORWARD = "FORWARD", BACKWARD = "BACKWARD", DONE = "DONE";

    /** Leg states (insurance and channel). */
    public static final String NONE = "NONE", PLANNED = "PLANNED", SETTLED = "SETTLED", PAYING = "PAYING",
            PAID = "PAID", UNKNOWN = "UNKNOWN", REJECTED = "REJECTED", SENT_NOT_PAID = "SENT_NOT_PAID",
            CANCELLED = "CANCELLED", REVERSED = "REVERSED";

    @Id
    @Column(length = 40)
    public String id;
    @Column(length = 64)
    public String saleId;
    @Column(length = 16)
    public String region;
    /**
     * The till that made the attempt and alone resumes it (org.medpay.persistence.TillId; a chain's central
     * database holds every till's). Null in rows written before tills were told apart: see Journal#open.
     */
    @Column(length = 32)
    public String tillId;
    @Column(length = 32)
    public String operatorCode;
    @Column(length = 64)
    public String operatorName;
    @Column(length = 32)
    public String codeKind;
    @Column(length = 64)
    public String maskedCode;
    public long totalFen;
    /** The sale lines as they were at the scan, one per line (see {@link SaleSnapshot}). */
    @Column(length = 30000)
    public String snapshot;

    @Column(length = 24)
    public String state;
    @Column(length = 12)
    public String phase;
    public long createdAt;
    public long deadline;
    public long updatedAt;
    public int eventCount;
    /** Background retries since the attempt went UNKNOWN. */
    public int retries;

    @Column(length = 16)
    public String insState = NONE;
    @Column(length = 64)
    public String insMsgId;
    @Column(length = 64)
    public String insSettleId;
    @Column(length = 64)
    public String insVisitId;
    @Column(length = 64)
    public String insPersonNo;
    public long insAccountFen;
    public Long balanceAfterFen;
    /** ALL_OR_CHANNEL found the account short after 2102: undo it (2103), then the channel pays all. */
    public boolean fallbackPending;
    public boolean fellBack;

    @Column(length = 16)
    public String chState = NONE;
    @Column(length = 16)
    public String channel;
    @Column(length = 64)
    public String outTradeNo;
    public long chAmountFen;
    public long payCalledAt;
    @Column(length = 64)
    public String tradeNo;

    @Column(length = 32)
    public String failure;
    @Column(length = 64)
    public String platformCode;
    @Column(length = 500)
    public String platformMessage;

    public AttemptRow() {
    }

    public AttemptRow copy() {
        AttemptRow c = new AttemptRow();
        c.id = id; c.saleId = saleId; c.region = region; c.tillId = tillId; c.operatorCode = operatorCode; c.operatorName = operatorName;
        c.codeKind = codeKind; c.maskedCode = maskedCode; c.totalFen = totalFen; c.snapshot = snapshot;
        c.state = state; c.phase = phase; c.createdAt = createdAt; c.deadline = deadline; c.updatedAt = updatedAt;
        c.eventCount = eventCount; c.retries = retries;
        c.insState = insState; c.insMsgId = insMsgId; c.insSettleId = insSettleId; c.insVisitId = insVisitId;
        c.insPersonNo = insPersonNo; c.insAccountFen = insAccountFen; c.balanceAfterFen = balanceAfterFen;
        c.fallbackPending = fallbackPending; c.fellBack = fellBack;
        c.chState = chState; c.channel = channel; c.outTradeNo = outTradeNo; c.chAmountFen = chAmountFen;
        c.payCalledAt = payCalledAt; c.tradeNo = tradeNo;
        c.failure = failure; c.platformCode = platformCode; c.platformMessage = platformMessage;
        return c;
    }

    @Override
    public String toString() {
        return "Attempt[" + id + " sale=" + saleId + " till=" + tillId + " " + state + "/" + phase + " ins=" + insState + " ch=" + chState
                + " " + channel + " total=" + totalFen + " failure=" + failure + "]";
    }
}
