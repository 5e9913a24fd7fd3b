package org.medpay.refund.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.medpay.refund.RefundCriteria;
import org.medpay.refund.Refusal;
import org.medpay.refund.internal.RefundEngine;

/** Criteria validation and the region's refund window, with a fixed clock. */
class RefundRulesTest {

    @Test
    void criteriaNeedAtLeastOneAndStartNotAfterEnd() {
        assertEquals(Refusal.NO_CRITERIA, new RefundCriteria(null, "  ", null, null).problem());
        LocalDateTime t = LocalDateTime.of(2026, 11, 26, 10, 0);
        assertEquals(Refusal.START_AFTER_END, new RefundCriteria(null, null, t, t.minusSeconds(1)).problem());
        assertNull(new RefundCriteria(null, null, t, t).problem());
        assertNull(new RefundCriteria("P1", null, null, null).problem());
        assertNull(new RefundCriteria(null, null, null, t).problem());
        assertEquals("P1", new RefundCriteria(" P1 ", null, null, null).ssCode());
    }

    @Test
    void refundWindowSameDayNDaysOrUnlimited() throws Exception {
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 26, 0, 30, 0, 0, Env.ZONE);
        RefundEngine e = new RefundEngine(null, null, r -> java.util.Optional.empty(),
                Clock.fixed(now.toInstant(), Env.ZONE), java.util.Optional::empty, java.time.Duration.ofSeconds(1), Env.TILL);
        try {
            long lateYesterday = now.minusHours(1).toInstant().toEpochMilli();
            long earlyToday = now.minusMinutes(20).toInstant().toEpochMilli();
            assertNull(e.windowRefusal(earlyToday, 0));
            // 23:30 yesterday is one calendar day ago, though only an hour: same day means the date.
            assertEquals(Refusal.OUTSIDE_WINDOW_SAME_DAY, e.windowRefusal(lateYesterday, 0));
            assertNull(e.windowRefusal(lateYesterday, 1));
            long eightDays = now.minusDays(8).toInstant().toEpochMilli();
            assertEquals(Refusal.OUTSIDE_WINDOW_DAYS, e.windowRefusal(eightDays, 7));
            assertNull(e.windowRefusal(eightDays, -1));
            assertNull(e.windowRefusal(Instant.EPOCH.toEpochMilli(), -1));
        } finally {
            e.close();
        }
    }

    @Test
    void refundNumberIsStableAndShort() {
        assertEquals(RefundEngine.outRequestNo("MP261126100000ABCDEF012345"),
                RefundEngine.outRequestNo("MP261126100000ABCDEF012345"));
        assertEquals("RFMP261126100000ABCDEF012345", RefundEngine.outRequestNo("MP261126100000ABCDEF012345"));
    }
}
