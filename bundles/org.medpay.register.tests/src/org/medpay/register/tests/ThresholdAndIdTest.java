package org.medpay.register.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.gateway.api.RegionPolicy;
import org.medpay.gateway.api.RegionPolicy.RegisterBasis;
import org.medpay.gateway.api.RegionPolicy.SplitPolicy;
import org.medpay.register.ComplianceRegister;
import org.medpay.register.ResidentId;
import org.medpay.register.ResidentId.Problem;
import org.medpay.register.internal.ComplianceRegisterImpl;
import org.medpay.testing.MutableClock;

/** P-1's threshold, exactly at and either side of the limit, on each basis; and resident-ID checking. */
class ThresholdAndIdTest {

    private final ComplianceRegister register = new ComplianceRegisterImpl(null,
            new MutableClock(Instant.parse("2026-11-26T01:00:00Z"), ZoneId.of("Asia/Shanghai")), Fixtures.keyFile());

    private static Money fen(long f) {
        return Money.ofFen(f);
    }

    @Test
    void insuranceAmountBasisIsStrictlyAboveTheThreshold() {
        RegionPolicy p = RegionPolicy.PROCEDURE_DEFAULT; // ¥500.00 on the insurance amount
        assertEquals(RegisterBasis.INSURANCE_AMOUNT, p.registerBasis());
        Money bigTotal = fen(900_00);
        assertFalse(register.entryRequired(p, fen(499_99), bigTotal), "just below");
        assertFalse(register.entryRequired(p, fen(500_00), bigTotal), "at the threshold: not above it");
        assertTrue(register.entryRequired(p, fen(500_01), bigTotal), "just above");
        // The total does not count on this basis: a large total with a small insurance leg needs no entry.
        assertFalse(register.entryRequired(p, fen(100_00), fen(5_000_00)));
    }

    @Test
    void totalBasisLooksAtTheWholeSale() {
        RegionPolicy p = new RegionPolicy(SplitPolicy.ALL_OR_CHANNEL, fen(300_00), RegisterBasis.TOTAL, 0);
        Money smallInsurance = fen(0);
        assertFalse(register.entryRequired(p, smallInsurance, fen(299_99)), "just below");
        assertFalse(register.entryRequired(p, smallInsurance, fen(300_00)), "at the threshold");
        assertTrue(register.entryRequired(p, smallInsurance, fen(300_01)), "just above");
        assertFalse(register.entryRequired(p, fen(900_00), fen(299_99)), "the insurance leg does not count here");
    }

    @Test
    void aZeroThresholdRegistersEveryPaidSale() {
        RegionPolicy p = new RegionPolicy(SplitPolicy.ACCOUNT_THEN_CHANNEL, Money.ZERO, RegisterBasis.INSURANCE_AMOUNT, 0);
        assertFalse(register.entryRequired(p, Money.ZERO, fen(100)));
        assertTrue(register.entryRequired(p, fen(1), fen(100)));
    }

    @Test
    void residentIdCheckDigitAndBirthDate() {
        LocalDate today = LocalDate.of(2026, 11, 26);
        assertEquals(Optional.empty(), ResidentId.check(Fixtures.ID_1, today));
        assertEquals(Optional.empty(), ResidentId.check("320106198506152349", today));
        assertEquals(Optional.empty(), ResidentId.check(Fixtures.ID_X, today), "X as check character");
        assertEquals(Optional.empty(), ResidentId.check("11010519491231002x", today), "lower-case x too");
        assertEquals(Optional.empty(), ResidentId.check("110101200002290018", today), "29 February of a leap year");
        assertEquals('X', ResidentId.checkChar("11010519491231002"));

        assertEquals(Optional.of(Problem.CHECK_DIGIT), ResidentId.check("110101199003071234", today));
        assertEquals(Optional.of(Problem.CHECK_DIGIT), ResidentId.check("110105194912310021", today), "digit where X belongs");
        assertEquals(Optional.of(Problem.BIRTH_DATE), ResidentId.check("110101199002301230", today), "30 February");
        assertEquals(Optional.of(Problem.BIRTH_DATE), ResidentId.check("110101210001011230", today), "born in the future");
        assertEquals(Optional.of(Problem.BIRTH_DATE), ResidentId.check("110101180001011230", today), "before 1900");
        assertEquals(Optional.of(Problem.FORMAT), ResidentId.check("11010119900307123", today), "17 characters");
        assertEquals(Optional.of(Problem.FORMAT), ResidentId.check("1101011990030712X3", today), "X not last");
        assertEquals(Optional.of(Problem.FORMAT), ResidentId.check("", today));
    }
}
