package org.medpay.core.sale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.medpay.core.scan.Masking;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;

class MaskingTest {

    @Test
    void keepsHeadAndTailOnly() {
        assertEquals("28************1234", Masking.mask("281234567890121234"));
        assertEquals("5*****78", Masking.mask("51234678"));
        assertEquals("", Masking.mask(null));
        assertEquals("*", Masking.mask("1"));
    }

    @Test
    void scannedCodeNeverPrintsItsText() {
        ScannedCode c = new ScannedCode("134567890123456789", ScannedCodeKind.WECHAT_PAYMENT_CODE, "18 digits, prefix 13");
        assertFalse(c.toString().contains("134567890123456789"));
    }
}
