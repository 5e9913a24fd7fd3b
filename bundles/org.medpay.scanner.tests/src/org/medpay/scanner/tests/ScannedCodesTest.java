package org.medpay.scanner.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.scanner.ScannedCodes;

/** The classification rules of domain.md ("Telling scanned codes apart") and their overlaps. */
class ScannedCodesTest {

    private static final char GS = '\u001D';

    private static ScannedCode en(String s) {
        return ScannedCodes.classify(s, Locale.ENGLISH);
    }

    private static void kind(ScannedCodeKind k, String s) {
        ScannedCode c = en(s);
        assertEquals(k, c.kind(), () -> s.replace(GS, '|') + " -> " + c.reason());
        assertFalse(c.reason().isBlank());
    }

    @Test
    void alipayIsDigitsPrefix25To30Length16To24() {
        kind(ScannedCodeKind.ALIPAY_PAYMENT_CODE, "281234567890123456");
        kind(ScannedCodeKind.ALIPAY_PAYMENT_CODE, "2512345678901234");
        kind(ScannedCodeKind.ALIPAY_PAYMENT_CODE, "301234567890123456789012");
        kind(ScannedCodeKind.GARBAGE, "301234567890123"); // 15: too short for Alipay
        kind(ScannedCodeKind.GARBAGE, "3012345678901234567890123"); // 25
        kind(ScannedCodeKind.INSURANCE_EVOUCHER, "311234567890123456"); // prefix 31 is no payment code
    }

    @Test
    void wechatIs18DigitsPrefix10To15() {
        kind(ScannedCodeKind.WECHAT_PAYMENT_CODE, "134567890123456789");
        kind(ScannedCodeKind.WECHAT_PAYMENT_CODE, "101234567890123456");
        kind(ScannedCodeKind.WECHAT_PAYMENT_CODE, "151234567890123456");
        ScannedCode truncated = en("13456789012345678");
        assertEquals(ScannedCodeKind.GARBAGE, truncated.kind());
        assertTrue(truncated.reason().contains("WeChat") && truncated.reason().contains("N-4"), truncated.reason());
        kind(ScannedCodeKind.INSURANCE_EVOUCHER, "161234567890123456"); // prefix 16: not WeChat
    }

    @Test
    void unionPayIsPrefix62() {
        kind(ScannedCodeKind.UNIONPAY_PAYMENT_CODE, "6225880123456789012");
        kind(ScannedCodeKind.GARBAGE, "62258801234");
    }

    @Test
    void ean13NeedsItsCheckDigit() {
        kind(ScannedCodeKind.DRUG_BARCODE_EAN13, "6901234567892");
        ScannedCode bad = en("6901234567893");
        assertEquals(ScannedCodeKind.GARBAGE, bad.kind());
        assertTrue(bad.reason().contains("expected 2, got 3"), bad.reason());
        // A 13-digit "payment-looking" number is never a payment code: those are 16-24 long.
        kind(ScannedCodeKind.GARBAGE, "2812345678901");
    }

    @Test
    void gs1DataMatrixWithFnc1AsGroupSeparator() {
        String dm = "0106901234567892" + "17271231" + "10ABC123" + GS + "21SN0001";
        ScannedCode c = en(dm);
        assertEquals(ScannedCodeKind.DRUG_GS1_DATAMATRIX, c.kind(), c.reason());
        assertTrue(c.reason().contains("06901234567892") && c.reason().contains("271231")
                && c.reason().contains("ABC123") && c.reason().contains("SN0001"), c.reason());
        assertEquals("SN0001", ScannedCodes.parseGs1OrNull(dm).elements().get("21"));
        kind(ScannedCodeKind.DRUG_GS1_DATAMATRIX, GS + dm);
        kind(ScannedCodeKind.DRUG_GS1_DATAMATRIX, "]d2" + dm);
        kind(ScannedCodeKind.DRUG_GS1_DATAMATRIX, "(01)06901234567892(17)271231(10)ABC123");
        // fixed-length AIs only: no separator at all, still digits-only, still a drug code (prefix 01 is no payment prefix)
        kind(ScannedCodeKind.DRUG_GS1_DATAMATRIX, "010690123456789217271231");
    }

    @Test
    void brokenGs1IsGarbageNeverAnEvoucher() {
        ScannedCode badCheck = en("0106901234567893" + "10ABC");
        assertEquals(ScannedCodeKind.GARBAGE, badCheck.kind());
        assertTrue(badCheck.reason().contains("GTIN check digit"), badCheck.reason());
        assertTrue(en("0106901234567892" + "17271331").reason().contains("date"));
        assertTrue(en("0106901234567892" + "99XYZ" + GS).reason().contains("unknown GS1"));
        assertTrue(en("]d20106901234").reason().contains("(01)"));
        kind(ScannedCodeKind.GARBAGE, "10ABC" + GS + "21XYZ"); // no GTIN
        kind(ScannedCodeKind.GARBAGE, "0106901234567892" + "10" + "A".repeat(21));
    }

    @Test
    void evoucherByExclusion() {
        kind(ScannedCodeKind.INSURANCE_EVOUCHER, "ec1A2b3C4d5E6f7G8h9I0jKlMnOpQr");
        kind(ScannedCodeKind.INSURANCE_EVOUCHER, "https://ybj.example/ec?t=Ab12Cd34Ef56");
        kind(ScannedCodeKind.GARBAGE, "abcdefghij"); // too short for a token
        kind(ScannedCodeKind.GARBAGE, "AAAAAAAAAAAAAAAAAAAAAA");
        kind(ScannedCodeKind.GARBAGE, "ec1A2b3C4d5E 6f7G8h9I0j");
    }

    @Test
    void garbageAlwaysSaysWhy() {
        assertTrue(en("").reason().contains("empty"));
        assertTrue(en(null).reason().contains("empty"));
        assertTrue(en("12").reason().contains("too short"));
        assertTrue(en("x".repeat(600)).reason().contains("too long"));
        assertTrue(en("2812\u000734567890123456").reason().contains("0x07"));
        assertTrue(en("2812扫码34567890123456").reason().contains("input method"));
    }

    @Test
    void chineseByDefault() {
        ScannedCode c = ScannedCodes.classify("6901234567893", Locale.SIMPLIFIED_CHINESE);
        assertTrue(c.reason().contains("校验位"), c.reason());
    }

    @Test
    void displayMasksEverythingButDrugCodes() {
        assertEquals("28************3456", ScannedCodes.displayText(en("281234567890123456")));
        assertEquals("6901234567892", ScannedCodes.displayText(en("6901234567892")));
        assertFalse(ScannedCodes.displayText(en("28123456789012345")).contains("5678901"), "truncated payment code masked too");
        assertFalse(en("134567890123456789").toString().contains("4567890123"));
    }
}
