package org.medpay.core.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;

class SaleTest {

    private static final LocalDateTime T = LocalDateTime.of(2026, 11, 26, 9, 26);

    static DrugRef matched(String code, long fen, InsuranceClass c) {
        return new DrugRef(code, "阿莫西林胶囊", "0.25g*24粒", "盒", Money.ofFen(fen), "XJ01CAA040A001010100483", c, false);
    }

    static DrugRef unmatched(String code, long fen) {
        return new DrugRef(code, "维生素C片", "100片", "瓶", Money.ofFen(fen), null, null, false);
    }

    @Test
    void totalsAndMatchingFollowEveryChange() {
        Sale sale = new Sale();
        AtomicInteger events = new AtomicInteger();
        sale.addListener(s -> events.incrementAndGet());
        assertFalse(sale.allCodeMatched(), "an empty sale has nothing matched");
        SaleLine a = sale.add(matched("P1", 1250, InsuranceClass.A), 2, T);
        assertEquals(Money.ofFen(2500), sale.total());
        assertTrue(sale.allCodeMatched());
        SaleLine b = sale.add(unmatched("P2", 399), 1, T);
        assertEquals(Money.ofFen(2899), sale.total());
        assertFalse(sale.allCodeMatched());
        sale.changeQuantity(a.lineNo(), 3);
        assertEquals(Money.ofFen(4149), sale.total());
        sale.remove(b.lineNo());
        assertTrue(sale.allCodeMatched());
        assertEquals(4, events.get());
        String firstId = sale.id();
        sale.clear();
        assertTrue(sale.isEmpty());
        assertEquals(Money.ZERO, sale.total());
        // P-1: the next sale on the same screen is a new sale; the register and the journal key on the id.
        assertFalse(firstId.equals(sale.id()), "a cleared sale starts the next one with a new id");
    }

    @Test
    void eligibilityNamesTheFirstBlockingLine() {
        Sale sale = new Sale();
        sale.add(matched("P1", 100, InsuranceClass.A), 1, T);
        sale.add(matched("P2", 100, InsuranceClass.B), 1, T);
        assertTrue(sale.insuranceEligibility().insuranceAllowed());
        SaleLine c = sale.add(matched("P3", 100, InsuranceClass.C), 1, T);
        Eligibility e = sale.insuranceEligibility();
        assertFalse(e.insuranceAllowed());
        assertSame(c, e.blockingLine());
        assertEquals(IneligibilityReason.CLASS_C, e.reason());
        sale.remove(c.lineNo());
        SaleLine selfPaid = sale.add(new DrugRef("P4", "x", "", "", Money.ofFen(1), "N1", InsuranceClass.A, true), 1, T);
        assertEquals(IneligibilityReason.FULLY_SELF_PAID, sale.insuranceEligibility().reason());
        sale.remove(selfPaid.lineNo());
        sale.add(unmatched("P5", 1), 1, T);
        assertEquals(IneligibilityReason.NOT_CODE_MATCHED, sale.insuranceEligibility().reason());
    }

    @Test
    void quantitiesAreValidated() {
        Sale sale = new Sale();
        assertEquals(SaleException.Kind.QUANTITY_NOT_POSITIVE,
                assertThrows(SaleException.class, () -> sale.add(unmatched("P", 1), 0, T)).kind());
        assertEquals(SaleException.Kind.QUANTITY_NOT_POSITIVE,
                assertThrows(SaleException.class, () -> sale.add(unmatched("P", 1), -2, T)).kind());
        assertEquals(SaleException.Kind.QUANTITY_TOO_LARGE,
                assertThrows(SaleException.class, () -> sale.add(unmatched("P", 1), SaleLine.MAX_QUANTITY + 1, T)).kind());
        SaleLine l = sale.add(unmatched("P", 1), SaleLine.MAX_QUANTITY, T);
        assertThrows(SaleException.class, () -> sale.changeQuantity(l.lineNo(), 0));
        assertEquals(SaleLine.MAX_QUANTITY, sale.lines().get(0).quantity(), "a refused change leaves the line as it was");
        assertEquals(SaleException.Kind.NO_SUCH_LINE, assertThrows(SaleException.class, () -> sale.remove(99)).kind());
    }

    @Test
    void totalHasACeiling() {
        Sale sale = new Sale();
        sale.add(unmatched("P", 9_000_000), 1, T);
        assertEquals(SaleException.Kind.TOTAL_TOO_LARGE,
                assertThrows(SaleException.class, () -> sale.add(unmatched("Q", 2_000_000), 1, T)).kind());
        assertEquals(1, sale.lines().size());
    }

    @Test
    void drugRefRejectsHalfAMapping() {
        assertThrows(IllegalArgumentException.class,
                () -> new DrugRef("P", "n", "", "", Money.ofFen(1), "N1", null, false));
        assertThrows(IllegalArgumentException.class,
                () -> new DrugRef("P", "n", "", "", Money.ofFen(-1), null, null, false));
    }
}
