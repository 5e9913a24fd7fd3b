package org.medpay.operator.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.operator.Operator;
import org.medpay.operator.OperatorAccount;
import org.medpay.operator.OperatorService;
import org.medpay.operator.Role;
import org.medpay.operator.SignInException;
import org.medpay.operator.SignInException.Reason;
import org.medpay.operator.internal.OperatorServiceImpl;
import org.medpay.persistence.JpaProvider;
import org.medpay.testing.MutableClock;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Sign-in, lock-out and the supervisor check against the real Derby store, with a hand-moved clock. */
class OperatorServiceTest {

    private JpaProvider jpa;
    private MutableClock clock;
    private OperatorServiceImpl service;
    private String code;

    static <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(FrameworkUtil.getBundle(OperatorServiceTest.class).getBundleContext(), type, null);
        t.open();
        T s = t.waitForService(20_000);
        assertNotNull(s, type.getName());
        return s;
    }

    @BeforeEach
    void setUp() throws Exception {
        jpa = await(JpaProvider.class);
        clock = new MutableClock(Instant.parse("2026-11-26T01:00:00Z"), ZoneId.of("Asia/Shanghai"));
        // Fewer iterations than production keep the lock-out tests quick; the format stores the count.
        service = new OperatorServiceImpl(jpa, clock, 2_000);
        service.signIn("9999", "999999".toCharArray());
        code = "T" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        service.create(code, "测试收银员", Role.CASHIER, "246810".toCharArray());
        service.signOut();
    }

    @Test
    void dsPublishesTheServiceAndTheDemoOperatorsAreSeeded() throws Exception {
        OperatorService ds = await(OperatorService.class);
        Operator cashier = ds.signIn("1001", "123456".toCharArray());
        assertEquals(Role.CASHIER, cashier.role());
        assertEquals(new OperatorRef("1001", "收银员张敏"), ds.requireCurrentRef());
        assertEquals(Role.SUPERVISOR, ds.verifySupervisor("9001", "654321".toCharArray()).role());
        assertEquals(Optional.of(cashier), ds.current(), "a supervisor check does not change the session");
        ds.signOut();
        assertTrue(ds.current().isEmpty());
        assertThrows(IllegalStateException.class, ds::requireCurrentRef, "no operator, no payment");
    }

    @Test
    void signInMakesTheOperatorCurrentAndTellsListeners() throws Exception {
        List<Optional<Operator>> heard = new ArrayList<>();
        service.addSessionListener(heard::add);
        Operator op = service.signIn(code, "246810".toCharArray());
        assertEquals(new OperatorRef(code, "测试收银员"), op.ref());
        assertEquals(op.ref(), service.requireCurrentRef());
        service.signOut();
        assertEquals(List.of(Optional.of(op), Optional.empty()), heard);
    }

    @Test
    void wrongPinIsRefusedWithAttemptsLeftAndUnknownCodeLooksTheSame() {
        SignInException e = assertThrows(SignInException.class, () -> service.signIn(code, "000000".toCharArray()));
        assertEquals(Reason.WRONG_CODE_OR_PIN, e.reason());
        assertEquals(4, e.attemptsLeft());
        assertTrue(service.current().isEmpty());
        SignInException unknown = assertThrows(SignInException.class, () -> service.signIn("NOPE42", "000000".toCharArray()));
        assertEquals(Reason.WRONG_CODE_OR_PIN, unknown.reason());
    }

    @Test
    void fiveWrongPinsLockForFifteenMinutesEvenAgainstTheRightPin() throws Exception {
        for (int i = 1; i <= 4; i++) {
            SignInException e = assertThrows(SignInException.class, () -> service.signIn(code, "111111".toCharArray()));
            assertEquals(Reason.WRONG_CODE_OR_PIN, e.reason());
            assertEquals(5 - i, e.attemptsLeft());
        }
        SignInException fifth = assertThrows(SignInException.class, () -> service.signIn(code, "111111".toCharArray()));
        assertEquals(Reason.LOCKED, fifth.reason());
        assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(15))), fifth.lockedUntil());

        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        SignInException stillLocked = assertThrows(SignInException.class, () -> service.signIn(code, "246810".toCharArray()));
        assertEquals(Reason.LOCKED, stillLocked.reason(), "the right PIN does not open a locked code");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(code, service.signIn(code, "246810".toCharArray()).code(), "the lock expires after 15 minutes");
        service.signOut();
        // The counter restarted with the lock's end: one wrong PIN leaves four, not zero.
        SignInException after = assertThrows(SignInException.class, () -> service.signIn(code, "111111".toCharArray()));
        assertEquals(4, after.attemptsLeft());
    }

    @Test
    void aGoodSignInResetsTheFailureCount() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThrows(SignInException.class, () -> service.signIn(code, "111111".toCharArray()));
        }
        service.signIn(code, "246810".toCharArray());
        SignInException e = assertThrows(SignInException.class, () -> service.signIn(code, "111111".toCharArray()));
        assertEquals(4, e.attemptsLeft());
    }

    @Test
    void aCashierCannotApproveRefundsAndCannotAddOperators() throws Exception {
        SignInException e = assertThrows(SignInException.class, () -> service.verifySupervisor(code, "246810".toCharArray()));
        assertEquals(Reason.NOT_SUPERVISOR, e.reason());
        service.signIn(code, "246810".toCharArray());
        assertThrows(IllegalStateException.class, () -> service.create("X1", "x", Role.ADMIN, "123456".toCharArray()));
    }

    @Test
    void pinsAreStoredAsSaltedPbkdf2NeverPlain() throws Exception {
        List<String> hashes = new ArrayList<>();
        // The driver directly: DriverManager refuses drivers the caller's bundle cannot see.
        try (Connection c = new org.apache.derby.jdbc.EmbeddedDriver().connect(jpa.describeDatabase(), new java.util.Properties());
                PreparedStatement ps = c.prepareStatement("SELECT PIN_HASH FROM OPR_OPERATOR WHERE CODE IN (?, '1001')")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
        }
        assertEquals(2, hashes.size());
        for (String h : hashes) {
            assertTrue(h.startsWith("pbkdf2-sha256$"), h);
            assertFalse(h.contains("246810") || h.contains("123456"), "no plain PIN in the store");
        }
        assertFalse(hashes.get(0).split("\\$")[2].equals(hashes.get(1).split("\\$")[2]), "each PIN has its own salt");
    }

    // ---- administration (issue 7: the administrator manages operators inside the product) --------------

    private void asAdmin() throws Exception {
        service.signIn("9999", "999999".toCharArray());
    }

    @Test
    void theAdministratorListsOperatorsWithTheirStateAndNeverAPin() throws Exception {
        asAdmin();
        List<OperatorAccount> all = service.list();
        OperatorAccount mine = all.stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
        assertEquals(new OperatorAccount(code, "测试收银员", Role.CASHIER, true, false, null, 0), mine);
        assertTrue(all.stream().anyMatch(a -> a.code().equals("9999") && a.role() == Role.ADMIN));
        List<String> codes = all.stream().map(OperatorAccount::code).toList();
        assertEquals(codes.stream().sorted().toList(), codes, "ordered by code");
    }

    @Test
    void onlyAnAdministratorMayListResetUnlockOrDeactivate() throws Exception {
        assertThrows(IllegalStateException.class, service::list, "nobody signed in");
        service.signIn("9001", "654321".toCharArray()); // a supervisor is not an administrator
        assertThrows(IllegalStateException.class, service::list);
        assertThrows(IllegalStateException.class, () -> service.resetPin(code, "135790".toCharArray()));
        assertThrows(IllegalStateException.class, () -> service.unlock(code));
        assertThrows(IllegalStateException.class, () -> service.deactivate(code));
        assertThrows(IllegalStateException.class, () -> service.reactivate(code));
        service.signOut();
        assertEquals(code, service.signIn(code, "246810".toCharArray()).code(), "nothing changed");
    }

    @Test
    void aLockedOutCashierIsUnlockedByTheAdministratorBeforeTheFifteenMinutes() throws Exception {
        for (int i = 0; i < OperatorService.MAX_FAILURES; i++) {
            assertThrows(SignInException.class, () -> service.signIn(code, "111111".toCharArray()));
        }
        asAdmin();
        OperatorAccount locked = service.list().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
        assertTrue(locked.locked());
        assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(15))), locked.lockedUntilTime());
        service.unlock(code);
        service.signOut();
        assertEquals(code, service.signIn(code, "246810".toCharArray()).code(), "unlocked at once");
        service.signOut();
        SignInException e = assertThrows(SignInException.class, () -> service.signIn(code, "111111".toCharArray()));
        assertEquals(4, e.attemptsLeft(), "the count of wrong PINs starts again");
    }

    @Test
    void aResetPinReplacesTheOldOneAndEndsTheLockOut() throws Exception {
        for (int i = 0; i < OperatorService.MAX_FAILURES; i++) {
            assertThrows(SignInException.class, () -> service.signIn(code, "111111".toCharArray()));
        }
        asAdmin();
        assertThrows(IllegalArgumentException.class, () -> service.resetPin(code, "12345".toCharArray()), "too short");
        assertThrows(IllegalArgumentException.class, () -> service.resetPin(code, "12345a".toCharArray()), "digits only");
        assertThrows(IllegalArgumentException.class, () -> service.resetPin("NOPE42", "135790".toCharArray()));
        service.resetPin(code, "135790".toCharArray());
        service.signOut();
        assertEquals(Reason.WRONG_CODE_OR_PIN,
                assertThrows(SignInException.class, () -> service.signIn(code, "246810".toCharArray())).reason(),
                "the old PIN no longer opens the till");
        assertEquals(code, service.signIn(code, "135790".toCharArray()).code());
    }

    @Test
    void aDeactivatedOperatorCannotSignInOrApproveUntilReactivated() throws Exception {
        asAdmin();
        String supervisor = "S" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        service.create(supervisor, "测试主管", Role.SUPERVISOR, "975310".toCharArray());
        service.deactivate(code);
        service.deactivate(supervisor);
        assertThrows(IllegalArgumentException.class, () -> service.deactivate("9999"), "not oneself");
        assertThrows(IllegalArgumentException.class, () -> service.deactivate("NOPE42"));
        assertFalse(service.list().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow().enabled());
        service.signOut();
        assertEquals(Reason.DISABLED,
                assertThrows(SignInException.class, () -> service.signIn(code, "246810".toCharArray())).reason());
        assertEquals(Reason.DISABLED,
                assertThrows(SignInException.class, () -> service.verifySupervisor(supervisor, "975310".toCharArray()))
                        .reason(), "a deactivated supervisor approves no refund (R-4)");
        asAdmin();
        service.reactivate(code);
        service.signOut();
        assertEquals(code, service.signIn(code, "246810".toCharArray()).code());
    }

    @Test
    void theAdministratorsChangesAreStoredNotJustCached() throws Exception {
        asAdmin();
        service.resetPin(code, "864200".toCharArray());
        service.signOut();
        // A second service instance on the same Derby: what another till, or the next start, sees.
        OperatorServiceImpl other = new OperatorServiceImpl(jpa, clock, 2_000);
        try {
            assertEquals(code, other.signIn(code, "864200".toCharArray()).code());
        } finally {
            other.signOut();
        }
    }
}
