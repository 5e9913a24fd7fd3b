package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medpay.gateway.api.ChannelStatus;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.payment.AttemptState;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.internal.AttemptRow;
import org.medpay.payment.internal.GatewayDirectory;
import org.medpay.payment.internal.JpaJournal;
import org.medpay.payment.internal.SettlementEngine;
import org.medpay.payment.internal.Timing;
import org.medpay.persistence.JpaProvider;
import org.medpay.testing.Sales;
import org.medpay.testing.ScratchDatabase;

/**
 * A chain's central database (README, PID org.medpay.persistence): several tills' engines on one journal.
 * Recovery and the resumption on a gateway's return drive this till's open attempts only; another till's
 * attempt is in flight at that till, and querying or cancelling it here would undo a payment under its
 * cashier (N-3: the buyer may be confirming right now). Rows from before till ids existed (each till's own
 * embedded Derby) are the till's that opens them; an existing journal gets the column on start-up.
 */
class TillScopedRecoveryTest {

    private static final OperatorRef CASHIER = new OperatorRef("C01", "李收银");

    private final ManualScheduler sched = new ManualScheduler(Instant.parse("2026-11-26T02:00:00Z"));
    private final String region = Fixture.freshRegion();
    private final String url = ScratchDatabase.memoryUrl("tills");
    private EntityManagerFactory emf;
    private JpaJournal journal;
    private SettlementEngine tillA;
    private SettlementEngine tillB;
    private int rows;

    /** A database of its own: the runtime's payment service would resume open rows of a shared one. */
    private void open() throws InterruptedException {
        emf = Fixture.await(JpaProvider.class).createEntityManagerFactory("medpay.payment",
                AttemptRow.class.getClassLoader(), url);
        journal = new JpaJournal(emf);
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

    /** Left FORWARD, the buyer confirming (PAYING), by a till that stopped (or is still driving it). */
    private AttemptRow openRow(String tillId) {
        AttemptRow a = Fixture.openAttempt("MPTILL", region, sched.clock.millis() - 20_000 + rows++, 2890);
        a.tillId = tillId;
        a.chState = AttemptRow.PAYING;
        journal.create(a, "test: left open");
        return a;
    }

    private SettlementEngine engine(String tillId, ScriptedGateway gw, String ref) {
        GatewayDirectory dir = new GatewayDirectory();
        dir.add(ref, region, 0, 1, gw);
        return new SettlementEngine(journal, dir, sched.clock, sched, Timing.PROCEDURE, region, tillId);
    }

    private AttemptRow row(AttemptRow a) {
        return journal.find(a.id).orElseThrow();
    }

    private static boolean mentions(ScriptedGateway gw, AttemptRow a) {
        return gw.calls.stream().anyMatch(c -> c.contains(a.id));
    }

    @Test
    void recoveryOfOneTillLeavesAnotherTillsOpenAttemptAloneAndThatTillResolvesIt() throws Exception {
        open();
        AttemptRow ofA = openRow("till-A");
        AttemptRow legacy = openRow(null);
        ScriptedGateway gwA = new ScriptedGateway(region, sched.clock, journal);
        ScriptedGateway gwB = new ScriptedGateway(region, sched.clock, journal);
        tillB = engine("till-B", gwB, "refB");

        tillB.recover();
        sched.runFor(Duration.ofSeconds(30));
        assertFalse(mentions(gwB, ofA), "till B asked nothing about till A's attempt: " + gwB.calls);
        AttemptRow untouched = row(ofA);
        assertEquals(AttemptRow.FORWARD, untouched.phase);
        assertEquals(AttemptState.PAYING.name(), untouched.state);
        assertEquals(AttemptRow.PAYING, untouched.chState);
        assertEquals("till-A", untouched.tillId);
        assertEquals(1, journal.events(ofA.id).size(), "nothing journalled for it");
        assertEquals(List.of(), journal.open("till-B").stream().map(r -> r.id).toList(), "till B has nothing open");

        // The legacy row (no till id: written when every database was one till's) was claimed and resolved.
        AttemptRow claimed = row(legacy);
        assertEquals(AttemptRow.DONE, claimed.phase, claimed.toString());
        assertEquals("till-B", claimed.tillId, "claimed before it was driven");
        assertTrue(gwB.calls.contains("query " + legacy.id), gwB.calls.toString());

        // The gateway of the region binding again (hot swap) at till B resumes nothing of till A's either.
        ScriptedGateway againB = new ScriptedGateway(region, sched.clock, journal);
        tillB.close();
        tillB = engine("till-B", againB, "refB2");
        tillB.recover();
        sched.runFor(Duration.ofSeconds(5));
        assertFalse(mentions(againB, ofA), againB.calls.toString());

        // Till A starts again: its attempt is resolved (the buyer had confirmed: completed, not undone).
        gwA.then("query", () -> ScriptedGateway.result(ofA.id, ChannelStatus.PAID, 2890));
        tillA = engine("till-A", gwA, "refA");
        tillA.recover();
        sched.runFor(Duration.ofSeconds(30));
        AttemptRow resolved = row(ofA);
        assertEquals(AttemptRow.DONE, resolved.phase, resolved.toString());
        assertEquals(AttemptState.PAID.name(), resolved.state);
        assertEquals("till-A", resolved.tillId);
        assertEquals(List.of("query " + ofA.id), gwA.calls, "till A asked about its own attempt only");
        assertEquals(List.of(), gwA.journalViolations);
        assertEquals(List.of(), gwB.journalViolations);
    }

    @Test
    void anAttemptIsMarkedWithTheTillThatMadeItAndOnlyThatTillResumesItAfterItsGatewayReturns() throws Exception {
        open();
        ScriptedGateway gwA = new ScriptedGateway(region, sched.clock, journal);
        gwA.then("pay", () -> ScriptedGateway.result("x", ChannelStatus.PAYING, 0));
        GatewayDirectory dirA = new GatewayDirectory();
        dirA.add("refA", region, 0, 1, gwA);
        tillA = new SettlementEngine(journal, dirA, sched.clock, sched, Timing.PROCEDURE, region, "till-A");
        CompletableFuture<PaymentOutcome> f = tillA.settle(Sales.ineligible(Fixture.NOW), Fixture.ALIPAY, CASHIER, null);
        sched.runFor(Duration.ofSeconds(1));
        AttemptRow made = journal.all().stream().filter(r -> region.equals(r.region)).findFirst().orElseThrow();
        assertEquals("till-A", made.tillId, "written with the attempt (JpaJournal's INSERT)");
        assertFalse(f.isDone(), "the buyer is confirming at till A");

        // At till B a gateway for the same region appears (hot swap): it resumes that region's, still only its own.
        ScriptedGateway gwB = new ScriptedGateway(region, sched.clock, journal);
        GatewayDirectory dirB = new GatewayDirectory();
        tillB = new SettlementEngine(journal, dirB, sched.clock, sched, Timing.PROCEDURE, region, "till-B");
        dirB.add("refB", region, 0, 2, gwB);
        sched.runFor(Duration.ofMillis(10));
        assertEquals(List.of(), gwB.calls, "till B drives nothing of till A's");

        gwA.then("query", () -> ScriptedGateway.result(made.id, ChannelStatus.PAID, 2890));
        sched.runFor(Duration.ofSeconds(10));
        assertTrue(f.isDone() && f.getNow(null).paid(), String.valueOf(f.getNow(null)));
        assertEquals("till-A", row(made).tillId, "every update keeps the till (JpaJournal's UPDATE)");
        assertEquals(List.of(), gwB.calls);
    }

    @Test
    void aLegacyAttemptIsClaimedByOneTillOnly() throws Exception {
        open();
        AttemptRow legacy = openRow(null);
        assertEquals(List.of(legacy.id), journal.open("till-A").stream().map(r -> r.id).toList());
        assertEquals(List.of(legacy.id), journal.open("till-B").stream().map(r -> r.id).toList());
        assertTrue(journal.claim(legacy.id, "till-A"));
        assertFalse(journal.claim(legacy.id, "till-B"), "claimed already");
        assertEquals("till-A", row(legacy).tillId);
        assertEquals(List.of(), journal.open("till-B"));
        assertEquals(1, journal.events(legacy.id).size(), "a claim is no state change of the attempt");
    }

    @Test
    void anExistingJournalWithoutTheColumnGetsItAtStartAndItsOpenRowsAreResolved() throws Exception {
        // The journal as every till has it before this change: PAY_ATTEMPT without TILLID, an attempt open.
        open();
        AttemptRow legacy = openRow(null);
        sql("ALTER TABLE PAY_ATTEMPT DROP COLUMN TILLID");
        assertFalse(hasTillColumn(), "the old table shape");
        emf.close();

        open(); // the next start: EclipseLink's create-or-extend-tables (DatabaseConfig) adds the column
        journal.all(); // EclipseLink deploys the unit (and runs its DDL) on the first EntityManager
        assertTrue(hasTillColumn(), "TILLID added to the existing PAY_ATTEMPT");
        AttemptRow read = row(legacy);
        assertNull(read.tillId);
        assertEquals(AttemptRow.FORWARD, read.phase);

        ScriptedGateway gw = new ScriptedGateway(region, sched.clock, journal);
        tillA = engine("till-A", gw, "refA");
        tillA.recover();
        sched.runFor(Duration.ofSeconds(30));
        AttemptRow resolved = row(legacy);
        assertEquals(AttemptRow.DONE, resolved.phase, resolved.toString());
        assertEquals("FAILED", resolved.state, "the buyer had not confirmed: undone");
        assertEquals(AttemptRow.CANCELLED, resolved.chState);
        assertEquals("till-A", resolved.tillId);
        assertEquals(List.of("query " + legacy.id, "cancel " + legacy.id), gw.calls);
    }

    private void sql(String statement) throws SQLException {
        ScratchDatabase.sql(emf, statement);
    }

    private boolean hasTillColumn() throws SQLException {
        return ScratchDatabase.hasColumn(emf, "PAY_ATTEMPT", "TILLID");
    }
}
