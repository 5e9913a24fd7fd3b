package org.medpay.refund.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.payment.PaidOrder;
import org.medpay.payment.PaidOrders;
import org.medpay.persistence.JpaProvider;
import org.medpay.refund.internal.RefundEngine;
import org.medpay.refund.internal.RefundJournal;
import org.medpay.refund.internal.RefundRow;
import org.medpay.testing.Sales;
import org.medpay.testing.ScratchDatabase;

/**
 * A chain's central database: two tills' refund engines on one REF_REFUND. A till resumes its own unfinished
 * refunds only (R-3: each leg exactly once; another till's refund is that till's to finish), and those from
 * before till ids existed; an existing table gets the column on start-up. Real payments against the
 * simulator, so its ledger shows what was refunded.
 */
class TillScopedResumeTest {

    private final String url = ScratchDatabase.memoryUrl("refundtills");
    private EntityManagerFactory emf;
    private RefundJournal journal;
    private RefundEngine tillA;
    private RefundEngine tillB;

    /**
     * A database of its own: the runtime's refund service resumes the shared one's unfinished refunds when
     * DS restarts it.
     */
    private void open() throws Exception {
        emf = Env.await(JpaProvider.class, "").createEntityManagerFactory("medpay.refund",
                RefundRow.class.getClassLoader(), url);
        journal = new RefundJournal(emf);
    }

    @AfterEach
    void close() {
        if (tillA != null) {
            tillA.close();
        }
        if (tillB != null) {
            tillB.close();
        }
        if (emf != null) {
            emf.close();
        }
    }

    private RefundEngine engine(String tillId) throws Exception {
        RegionGateway gw = Env.gateway();
        return new RefundEngine(journal, Env.await(PaidOrders.class, ""),
                region -> region.equals(gw.regionCode()) ? Optional.of(gw) : Optional.empty(), Clock.systemUTC(),
                Optional::empty, Duration.ofMillis(300), tillId);
    }

    /** A roll back journalled (channel leg planned) by a till that stopped before it sent anything. */
    private RefundRow unfinished(PaidOrder o, String tillId) {
        RefundRow r = new RefundRow();
        r.id = o.orderNo();
        r.region = o.region();
        r.tillId = tillId;
        r.operatorCode = Env.CASHIER.code();
        r.operatorName = Env.CASHIER.name();
        r.state = RefundRow.IN_PROGRESS;
        r.createdAt = System.currentTimeMillis();
        r.updatedAt = r.createdAt;
        r.chState = RefundRow.PLANNED;
        r.channel = o.channel().name();
        r.outTradeNo = o.outTradeNo();
        r.chAmountFen = o.channelAmount().fen();
        r.outRequestNo = RefundEngine.outRequestNo(o.orderNo());
        assertTrue(journal.create(r, "test: left unfinished"));
        return r;
    }

    private static PaidOrder paidOrder() throws Exception {
        String order = Env.pay(Env.ineligibleSale(), Sales.alipay("00"));
        return Env.await(PaidOrders.class, "").get(order).orElseThrow();
    }

    private static long refundedFen(PaidOrder o) throws Exception {
        return ((Number) Env.trade(o.outTradeNo()).get("refunded_fen")).longValue();
    }

    private void awaitState(String order, String state) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            if (journal.find(order).map(r -> r.state.equals(state)).orElse(false)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("refund " + order + " not " + state + " within 30 s: " + journal.find(order));
    }

    @Test
    void aTillResumesItsOwnAndLegacyRefundsNeverAnotherTills() throws Exception {
        open();
        PaidOrder ofA = paidOrder();
        PaidOrder legacy = paidOrder();
        unfinished(ofA, "till-A");
        unfinished(legacy, null);
        tillB = engine("till-B");
        assertEquals(List.of(legacy.orderNo()), tillB.inProgress(), "till B's background: not till A's refund");

        tillB.resume();
        awaitState(legacy.orderNo(), RefundRow.REFUNDED);
        assertEquals("till-B", journal.find(legacy.orderNo()).orElseThrow().tillId, "claimed, then finished");
        assertEquals(legacy.channelAmount().fen(), refundedFen(legacy));
        Thread.sleep(1_000); // time enough for a wrongly resumed refund to have been sent
        RefundRow untouched = journal.find(ofA.orderNo()).orElseThrow();
        assertEquals(RefundRow.IN_PROGRESS, untouched.state);
        assertEquals(RefundRow.PLANNED, untouched.chState, "till B sent nothing for it");
        assertEquals("till-A", untouched.tillId);
        assertEquals(1, journal.events(ofA.orderNo()).size());
        assertEquals(0L, refundedFen(ofA), "the simulator refunded nothing of till A's order");

        tillA = engine("till-A");
        assertEquals(List.of(ofA.orderNo()), tillA.inProgress());
        tillA.resume();
        awaitState(ofA.orderNo(), RefundRow.REFUNDED);
        Map<String, Object> t = Env.trade(ofA.outTradeNo());
        assertEquals(ofA.channelAmount().fen(), ((Number) t.get("refunded_fen")).longValue());
        assertEquals(1, ((Map<?, ?>) t.get("refunds")).size(), "refunded once: " + t);
        assertEquals("till-A", journal.find(ofA.orderNo()).orElseThrow().tillId);
        assertEquals(legacy.channelAmount().fen(), refundedFen(legacy), "the legacy one not again by till A");
    }

    @Test
    void aRefundStartedAgainAtAnotherTillAfterItFailedIsThatTillsNow() throws Exception {
        open();
        PaidOrder o = paidOrder();
        RefundRow failed = unfinished(o, "till-A");
        failed.state = RefundRow.FAILED;
        failed.chState = RefundRow.REFUSED;
        failed.updatedAt++;
        journal.update(failed, "test: refused at till A");
        tillB = engine("till-B");
        assertEquals(org.medpay.refund.RollBackOutcome.Result.REFUNDED,
                tillB.rollBack(o.orderNo(), Env.CASHIER, null).get(30, java.util.concurrent.TimeUnit.SECONDS).result());
        assertEquals("till-B", journal.find(o.orderNo()).orElseThrow().tillId);
    }

    @Test
    void anExistingRefundTableWithoutTheColumnGetsItAtStartAndItsUnfinishedRowsAreClaimedOnce() throws Exception {
        // REF_REFUND as every till has it before this change, with a refund unfinished.
        open();
        RefundRow r = new RefundRow();
        r.id = "MPLEGACY" + System.nanoTime();
        r.region = "999999";
        r.state = RefundRow.IN_PROGRESS;
        r.chState = RefundRow.PLANNED;
        assertTrue(journal.create(r, "test: before till ids"));
        sql("ALTER TABLE REF_REFUND DROP COLUMN TILLID");
        assertFalse(hasTillColumn(), "the old table shape");
        emf.close();

        open(); // the next start: create-or-extend-tables (DatabaseConfig) adds the column
        journal.find(r.id); // EclipseLink deploys the unit (and runs its DDL) on the first EntityManager
        assertTrue(hasTillColumn(), "TILLID added to the existing REF_REFUND");
        assertNull(journal.find(r.id).orElseThrow().tillId);
        assertEquals(List.of(r.id), journal.inProgress("till-A").stream().map(x -> x.id).toList());
        assertEquals(List.of(r.id), journal.inProgress("till-B").stream().map(x -> x.id).toList());
        assertTrue(journal.claim(r.id, "till-A"));
        assertFalse(journal.claim(r.id, "till-B"), "one till only");
        assertEquals("till-A", journal.find(r.id).orElseThrow().tillId, "read back past the shared cache");
        assertEquals(List.of(), journal.inProgress("till-B"));
        assertEquals(1, journal.inProgress("till-A").size());
    }

    private void sql(String statement) throws SQLException {
        ScratchDatabase.sql(emf, statement);
    }

    private boolean hasTillColumn() throws SQLException {
        return ScratchDatabase.hasColumn(emf, "REF_REFUND", "TILLID");
    }
}
