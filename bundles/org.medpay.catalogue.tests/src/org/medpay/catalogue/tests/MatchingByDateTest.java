package org.medpay.catalogue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medpay.catalogue.internal.DrugRecord;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.Eligibility;
import org.medpay.core.sale.IneligibilityReason;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.Sale;

/** 已对码 is a question with a date: a mapping counts on a sale date inside its range, both ends included. */
class MatchingByDateTest {

    private final DrugRecord amoxicillin = Drugs.drug("YP000001", "阿莫西林胶囊", List.of("6901234567892"), false,
            Drugs.mapping("XJ01CAA040E001", "2025-01-01", "2025-12-31", InsuranceClass.A));

    @Test
    void matchedOnlyInsideTheValidityRangeBothEndsIncluded() {
        assertFalse(amoxicillin.refOn(LocalDate.of(2024, 12, 31)).codeMatched(), "the day before it starts");
        assertEquals("XJ01CAA040E001", amoxicillin.refOn(LocalDate.of(2025, 1, 1)).nationalCode(), "first day");
        assertEquals(InsuranceClass.A, amoxicillin.refOn(LocalDate.of(2025, 12, 31)).insuranceClass(), "last day");
        DrugRef after = amoxicillin.refOn(LocalDate.of(2026, 1, 1));
        assertNull(after.nationalCode(), "the day after it ended");
        assertNull(after.insuranceClass());
        assertEquals(IneligibilityReason.NOT_CODE_MATCHED, after.ineligibility());
    }

    @Test
    void openEndedMappingAndTheNewerOfOverlappingMappingsWins() {
        DrugRecord d = Drugs.drug("YP2", "布洛芬缓释胶囊", List.of(), false,
                Drugs.mapping("OLD", "2020-01-01", null, InsuranceClass.B),
                Drugs.mapping("NEW", "2026-07-01", null, InsuranceClass.A));
        assertEquals("OLD", d.refOn(LocalDate.of(2026, 6, 30)).nationalCode());
        assertEquals("NEW", d.refOn(LocalDate.of(2026, 7, 1)).nationalCode());
        assertEquals(InsuranceClass.A, d.refOn(LocalDate.of(2099, 1, 1)).insuranceClass());
        assertEquals(100, d.mappingOn(LocalDate.of(2026, 6, 30)).orElseThrow().selfPayPermille(), "乙类 10 %");
    }

    @Test
    void aMappingCannotEndBeforeItStartsNorHaveARatioAbove100Percent() {
        assertThrows(IllegalArgumentException.class, () -> Drugs.mapping("X", "2025-02-01", "2025-01-31", InsuranceClass.A));
        assertThrows(IllegalArgumentException.class, () -> new org.medpay.catalogue.InsuranceMapping("X",
                LocalDate.of(2025, 1, 1), null, InsuranceClass.B, 1001));
    }

    @Test
    void eligibilityN2NamesTheLineAndTheReason() {
        LocalDate day = LocalDate.of(2025, 6, 1);
        LocalDateTime now = day.atTime(10, 0);
        Sale sale = new Sale();
        sale.add(amoxicillin.refOn(day), 1, now);
        assertTrue(sale.insuranceEligibility().insuranceAllowed(), "one class A matched drug");

        DrugRecord classC = Drugs.drug("YP3", "某保健品片", List.of(), false, Drugs.mapping("XC", "2020-01-01", null, InsuranceClass.C));
        var cLine = sale.add(classC.refOn(day), 1, now);
        Eligibility e = sale.insuranceEligibility();
        assertFalse(e.insuranceAllowed());
        assertSame(cLine, e.blockingLine());
        assertEquals(IneligibilityReason.CLASS_C, e.reason());

        sale.remove(cLine.lineNo());
        DrugRecord selfPaid = Drugs.drug("YP4", "维生素C片", List.of(), true, Drugs.mapping("XV", "2020-01-01", null, InsuranceClass.A));
        sale.add(selfPaid.refOn(day), 2, now);
        assertEquals(IneligibilityReason.FULLY_SELF_PAID, sale.insuranceEligibility().reason(), "matched but 全自费");

        Sale late = new Sale();
        late.add(amoxicillin.refOn(LocalDate.of(2026, 1, 1)), 1, now);
        assertEquals(IneligibilityReason.NOT_CODE_MATCHED, late.insuranceEligibility().reason(), "mapping expired on the sale date");
        assertFalse(late.allCodeMatched());
    }
}
