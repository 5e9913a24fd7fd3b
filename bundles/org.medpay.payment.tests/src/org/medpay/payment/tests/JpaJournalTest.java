package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medpay.payment.internal.AttemptRow;
import org.medpay.payment.internal.EventRow;
import org.medpay.payment.internal.JpaJournal;

/**
 * The journal's JDBC write path (issue 4, settle overhead) against the real Derby, read back through
 * EclipseLink: every column survives, updates change every column as em.merge did, and events noted
 * without a commit (the N-3 PAYING/UNKNOWN changes) are written in order with the next durable write.
 */
class JpaJournalTest {

    private static final java.util.concurrent.atomic.AtomicInteger DATABASES = new java.util.concurrent.atomic.AtomicInteger();

    private final jakarta.persistence.EntityManagerFactory emf;
    private final JpaJournal journal;

    /**
     * A Derby database of its own (in memory): the runtime's payment service recovers every open attempt
     * of the shared database whenever DS restarts it, and would take over this test's open attempt.
     */
    JpaJournalTest() throws InterruptedException {
        emf = Fixture.await(org.medpay.persistence.JpaProvider.class).createEntityManagerFactory("medpay.payment",
                AttemptRow.class.getClassLoader(), "jdbc:derby:memory:jpajournal" + DATABASES.incrementAndGet() + ";create=true");
        journal = new JpaJournal(emf);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        emf.close();
    }

    @Test
    void everyFieldOfTheRowRoundTripsThroughCreateAndUpdate() throws Exception {
        AttemptRow a = filled("MPJ" + System.nanoTime(), 1);
        journal.create(a, "created");
        assertSameFields(a, journal.find(a.id).orElseThrow());

        AttemptRow b = filled(a.id, 2); // every column changed, the region too (an attempt may move)
        b.eventCount = a.eventCount;
        b.balanceAfterFen = null;
        b.fellBack = false;
        journal.update(b, "changed");
        assertSameFields(b, journal.find(a.id).orElseThrow());
        assertEquals(2, journal.events(a.id).size());
    }

    @Test
    void createRefusesASecondAttemptWhileTheSalesFirstIsOpen() throws Exception {
        // N-3, checked inside create's own transaction.
        AttemptRow first = filled("MPO" + System.nanoTime(), 1);
        first.phase = AttemptRow.FORWARD;
        assertTrue(journal.create(first, "created"));
        AttemptRow rescan = filled("MPR" + System.nanoTime(), 1);
        rescan.saleId = first.saleId;
        rescan.phase = AttemptRow.FORWARD;
        assertFalse(journal.create(rescan, "created"), "the first attempt is unresolved");
        assertTrue(journal.find(rescan.id).isEmpty(), "nothing written");
        assertEquals(0, rescan.eventCount, "the refused row's event count is unchanged");

        first.phase = AttemptRow.DONE;
        journal.update(first, "failed");
        assertTrue(journal.create(rescan, "created"), "the first attempt is resolved: the rescan starts");
        assertEquals(AttemptRow.FORWARD, journal.find(rescan.id).orElseThrow().phase);
        assertEquals(1, journal.events(rescan.id).size());
        rescan.phase = AttemptRow.DONE; // never picked up by another test's recovery
        journal.update(rescan, "done");
    }

    @Test
    void notedEventsAreWrittenInOrderWithTheNextUpdate() throws Exception {
        AttemptRow a = filled("MPN" + System.nanoTime(), 1);
        a.phase = AttemptRow.FORWARD;
        a.chState = AttemptRow.PLANNED;
        journal.create(a, "created");
        a.chState = AttemptRow.PAYING;
        a.state = "PAYING";
        journal.note(a, "buyer confirming");
        assertEquals(1, journal.events(a.id).size(), "a note commits nothing by itself");
        assertEquals(AttemptRow.PLANNED, journal.find(a.id).orElseThrow().chState, "the committed state stays");
        assertEquals(journal.openForSale(a.saleId).orElseThrow().id, a.id);

        // Picked up again in this JVM (its gateway went and came back): the count includes the note.
        AttemptRow again = journal.open().stream().filter(r -> r.id.equals(a.id)).findFirst().orElseThrow();
        assertEquals(2, again.eventCount);
        again.chState = AttemptRow.PAID;
        again.state = "PAID";
        again.phase = AttemptRow.DONE;
        journal.update(again, "paid");
        List<EventRow> events = journal.events(a.id);
        assertEquals(List.of(a.id + "#1", a.id + "#2", a.id + "#3"), events.stream().map(e -> e.id).toList());
        assertEquals(List.of(AttemptRow.PLANNED, AttemptRow.PAYING, AttemptRow.PAID),
                events.stream().map(e -> e.chState).toList());
        assertEquals(3, journal.find(a.id).orElseThrow().eventCount);
        assertTrue(journal.openForSale(a.saleId).isEmpty(), "DONE is not open");
    }

    private static AttemptRow filled(String id, int v) {
        AttemptRow a = new AttemptRow();
        a.id = id;
        a.saleId = "sale-" + id;
        a.region = "JT" + v;
        a.tillId = "till-" + v; // a till may take an attempt over (a legacy row claimed)
        a.operatorCode = "C0" + v;
        a.operatorName = "收银" + v;
        a.codeKind = "KIND" + v;
        a.maskedCode = "28**" + v;
        a.totalFen = 1000 + v;
        a.snapshot = "line " + v;
        a.state = v == 1 ? "PAYING" : "FAILED";
        a.phase = AttemptRow.DONE; // never picked up by another test's recovery
        a.createdAt = 10_000 + v;
        a.deadline = 20_000 + v;
        a.updatedAt = 30_000 + v;
        a.retries = v;
        a.insState = "I" + v;
        a.insMsgId = "M" + v;
        a.insSettleId = "SE" + v;
        a.insVisitId = "V" + v;
        a.insPersonNo = "PN" + v;
        a.insAccountFen = 40 + v;
        a.balanceAfterFen = 50L + v;
        a.fallbackPending = v % 2 == 0;
        a.fellBack = v % 2 == 1;
        a.chState = "C" + v;
        a.channel = "CH" + v;
        a.outTradeNo = "O" + v;
        a.chAmountFen = 60 + v;
        a.payCalledAt = 70 + v;
        a.tradeNo = "T" + v;
        a.failure = v == 1 ? "NETWORK" : "REJECTED";
        a.platformCode = "PC" + v;
        a.platformMessage = "消息" + v;
        return a;
    }

    /** Reflection, so a column added to AttemptRow but not to the JDBC statements fails here. */
    private static void assertSameFields(AttemptRow expected, AttemptRow actual) throws IllegalAccessException {
        for (Field f : AttemptRow.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertEquals(f.get(expected), f.get(actual), f.getName());
            }
        }
    }
}
