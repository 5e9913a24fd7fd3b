package org.medpay.core.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({ "12,1200", "12.5,1250", "12.50,1250", "0.05,5", ".5,50", "-3.05,-305", "'¥1,234.56',123456",
            "' 7.00 ',700", "+1,100", "0,0", "￥0.01,1" })
    void parsesYuan(String text, long fen) {
        assertEquals(fen, Money.parseYuan(text).fen());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "abc", "1.234", "1..2", "1.2.3", "-", ".", "1e3", "12,3a", "1 000" })
    void rejectsWhatIsNotAnAmount(String text) {
        assertThrows(IllegalArgumentException.class, () -> Money.parseYuan(text));
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Money.parseYuan(null));
    }

    @Test
    void formatsForPlatformsAndScreens() {
        assertEquals("12.50", Money.ofFen(1250).toYuanString());
        assertEquals("0.05", Money.ofFen(5).toYuanString());
        assertEquals("-0.05", Money.ofFen(-5).toYuanString());
        assertEquals("¥1,234,567.08", Money.ofFen(123456708).format());
        assertEquals("¥0.00", Money.ZERO.format());
        assertEquals("-¥100.00", Money.ofFen(-10000).format());
    }

    @Test
    void roundTripsEveryFenOfASmallRange() {
        for (long fen = -1005; fen <= 1005; fen++) {
            assertEquals(fen, Money.parseYuan(Money.ofFen(fen).toYuanString()).fen());
        }
    }

    @Test
    void arithmeticIsExact() {
        Money a = Money.parseYuan("0.10");
        Money sum = Money.ZERO;
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(a);
        }
        assertEquals(Money.parseYuan("1.00"), sum);
        assertEquals(Money.ofFen(300), Money.ofFen(1000).minus(Money.ofFen(700)));
        assertEquals(Money.ofFen(3699), Money.ofFen(1233).times(3));
        assertTrue(Money.ofFen(5).greaterThan(Money.ofFen(4)));
        assertTrue(Money.ofFen(-1).isNegative());
        assertEquals(Money.ofFen(7), Money.max(Money.ofFen(7), Money.ofFen(3)));
    }

    @Test
    void overflowIsAnErrorNotAWrap() {
        assertThrows(ArithmeticException.class, () -> Money.ofFen(Long.MAX_VALUE).plus(Money.ofFen(1)));
        assertThrows(ArithmeticException.class, () -> Money.ofFen(Long.MAX_VALUE / 2).times(3));
    }

    @Test
    void ratioRoundsHalfUpToTheFen() {
        // 10% of 0.15 is 0.015 -> 0.02; 10% of 0.14 is 0.014 -> 0.01
        assertEquals(2, Money.ofFen(15).ratio(100, 1000).fen());
        assertEquals(1, Money.ofFen(14).ratio(100, 1000).fen());
        assertEquals(-2, Money.ofFen(-15).ratio(100, 1000).fen());
        assertThrows(IllegalArgumentException.class, () -> Money.ofFen(1).ratio(1, 0));
    }

    @Test
    void equalityIsByAmount() {
        assertEquals(Money.ofFen(100), Money.parseYuan("1"));
        assertEquals(Money.ofFen(100).hashCode(), Money.parseYuan("1.00").hashCode());
        assertTrue(Money.ofFen(1).compareTo(Money.ofFen(2)) < 0);
    }
}
