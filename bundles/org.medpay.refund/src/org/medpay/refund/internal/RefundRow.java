package org.medpay.refund.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One roll back of one paid order (REF_REFUND). The order number is the key, so an order can never have
 * two refunds, even if two tills raced. Written before any request leaves; amounts fen, times epoch millis.
 */
@Entity
@Table(name = "REF_REFUND")
public class RefundRow {

    public static final String IN_PROGRESS = "IN_PROGRESS", REFUNDED = "REFUNDED", FAILED = "FAILED";
    /** Leg states: NONE = the order has no such leg. */
    public static final String NONE = "NONE", PLANNED = "PLANNED", SENT = "SENT", UNKNOWN = "UNKNOWN", DONE = "DONE",
            REFUSED = "REFUSED";

    @Id
    @Column(length = 40)
    public String id;
    @Column(length = 16)
    public String region;
    /**
     * The till driving the refund, the one that alone resumes it (org.medpay.persistence.TillId; a chain's
     * central database holds every till's). Null in rows written before tills were told apart: see
     * RefundJournal#inProgress(String).
     */
    @Column(length = 32)
    public String tillId;
    @Column(length = 32)
    public String operatorCode;
    @Column(length = 64)
    public String operatorName;
    @Column(length = 16)
    public String state;
    public long createdAt;
    public long updatedAt;
    public int retries;
    public int eventCount;

    @Column(length = 16)
    public String insState = NONE;
    public long insAmountFen;
    @Column(length = 64)
    public String settlementId;
    @Column(length = 64)
    public String visitId;
    @Column(length = 64)
    public String personNo;
    @Column(length = 64)
    public String insMsgId;
    @Column(length = 500)
    public String insMessage;

    @Column(length = 16)
    public String chState = NONE;
    @Column(length = 16)
    public String channel;
    @Column(length = 64)
    public String outTradeNo;
    @Column(length = 64)
    public String outRequestNo;
    public long chAmountFen;
    @Column(length = 500)
    public String chMessage;

    public RefundRow() {
    }

    public RefundRow copy() {
        RefundRow c = new RefundRow();
        c.id = id; c.region = region; c.tillId = tillId; c.operatorCode = operatorCode; c.operatorName = operatorName; c.state = state;
        c.createdAt = createdAt; c.updatedAt = updatedAt; c.retries = retries; c.eventCount = eventCount;
        c.insState = insState; c.insAmountFen = insAmountFen; c.settlementId = settlementId; c.visitId = visitId;
        c.personNo = personNo; c.insMsgId = insMsgId; c.insMessage = insMessage;
        c.chState = chState; c.channel = channel; c.outTradeNo = outTradeNo; c.outRequestNo = outRequestNo;
        c.chAmountFen = chAmountFen; c.chMessage = chMessage;
        return c;
    }

    @Override
    public String toString() {
        return "Refund[" + id + " till=" + tillId + " " + state + " ins=" + insState + " ch=" + chState + " " + channel + "]";
    }
}
