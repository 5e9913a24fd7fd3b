package org.medpay.ui.internal.mobilepay;

import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;

/**
 * The one place the mobile-pay view classifies a scan before settlement (domain.md "Telling scanned codes
 * apart"), until the scanner bundle's classifier is merged: replace {@link #classify} with it. Garbage
 * never reaches a gateway.
 */
public final class PaymentCodeCheck {

    private PaymentCodeCheck() {
    }

    public static ScannedCode classify(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return new ScannedCode(text, ScannedCodeKind.GARBAGE, "empty");
        }
        boolean digits = text.chars().allMatch(c -> c >= '0' && c <= '9');
        int n = text.length();
        if (digits) {
            int prefix = n >= 2 ? Integer.parseInt(text.substring(0, 2)) : -1;
            if (n == 18 && prefix >= 10 && prefix <= 15) {
                return new ScannedCode(text, ScannedCodeKind.WECHAT_PAYMENT_CODE, "18 digits, prefix 10-15");
            }
            if (n >= 16 && n <= 24 && prefix >= 25 && prefix <= 30) {
                return new ScannedCode(text, ScannedCodeKind.ALIPAY_PAYMENT_CODE, "16-24 digits, prefix 25-30");
            }
            if (prefix == 62 && n >= 16 && n <= 19) {
                return new ScannedCode(text, ScannedCodeKind.UNIONPAY_PAYMENT_CODE, "prefix 62");
            }
            if (n == 13) {
                return new ScannedCode(text, ScannedCodeKind.DRUG_BARCODE_EAN13, "13 digits");
            }
            return new ScannedCode(text, ScannedCodeKind.GARBAGE, "digits of no known payment code");
        }
        // The e-voucher's format is not published: a plausible token, recognised by exclusion.
        boolean token = n >= 16 && n <= 256
                && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '=' || c == '+' || c == '/'));
        return token ? new ScannedCode(text, ScannedCodeKind.INSURANCE_EVOUCHER, "token by exclusion")
                : new ScannedCode(text, ScannedCodeKind.GARBAGE, "not a payment code or e-voucher");
    }
}
