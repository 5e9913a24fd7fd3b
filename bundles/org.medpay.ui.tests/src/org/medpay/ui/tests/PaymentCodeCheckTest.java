package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.ui.internal.mobilepay.PaymentCodeCheck;

/** domain.md "Telling scanned codes apart": only real payment codes and e-vouchers may reach a gateway. */
class PaymentCodeCheckTest {

    private static ScannedCodeKind k(String s) {
        return PaymentCodeCheck.classify(s).kind();
    }

    @Test
    void alipayIsDigitsPrefix25To30Length16To24() {
        assertEquals(ScannedCodeKind.ALIPAY_PAYMENT_CODE, k("2812345678901234"));
        assertEquals(ScannedCodeKind.ALIPAY_PAYMENT_CODE, k("301234567890123456789012"));
        assertEquals(ScannedCodeKind.ALIPAY_PAYMENT_CODE, k(" 281234567890123400\r\n"));
        assertEquals(ScannedCodeKind.GARBAGE, k("3112345678901234"), "prefix 31");
        assertEquals(ScannedCodeKind.GARBAGE, k("281234567890123"), "15 digits");
        assertEquals(ScannedCodeKind.GARBAGE, k("2812345678901234567890123"), "25 digits");
    }

    @Test
    void wechatIsEighteenDigitsPrefix10To15() {
        assertEquals(ScannedCodeKind.WECHAT_PAYMENT_CODE, k("134567890123456789"));
        assertEquals(ScannedCodeKind.WECHAT_PAYMENT_CODE, k("104567890123456789"));
        assertEquals(ScannedCodeKind.GARBAGE, k("164567890123456789"), "prefix 16");
        assertEquals(ScannedCodeKind.GARBAGE, k("13456789012345678"), "17 digits");
    }

    @Test
    void drugBarcodesUnionPayAndGarbageAreNotSettled() {
        assertEquals(ScannedCodeKind.DRUG_BARCODE_EAN13, k("6901234567892"));
        assertEquals(ScannedCodeKind.UNIONPAY_PAYMENT_CODE, k("6212345678901234567"));
        assertEquals(ScannedCodeKind.GARBAGE, k(""));
        assertEquals(ScannedCodeKind.GARBAGE, k("ｈｅｌｌｏ 你好"));
        assertEquals(ScannedCodeKind.GARBAGE, k("abc"));
    }

    @Test
    void aPlausibleTokenIsAnEvoucherByExclusion() {
        assertEquals(ScannedCodeKind.INSURANCE_EVOUCHER, k("EC0123456789ABCDEFGH00"));
        assertEquals(ScannedCodeKind.GARBAGE, k("EC01 2345 6789 ABCDEF"), "spaces are not a token");
    }
}
