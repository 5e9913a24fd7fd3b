package org.medpay.scanner;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.medpay.core.scan.Masking;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;

/**
 * The single gate for scanned text: every bundle that takes a scan (UI, payment, refund) classifies it
 * here first, and only {@link ScannedCodeKind#identifiesBuyer()} kinds may reach a gateway. Pure, total
 * and cheap: it never throws (the fuzz harness feeds it millions of random inputs) and every result says
 * why in the cashier's language.
 *
 * <p>Order of the rules, and why:
 * <ol>
 * <li>Hygiene first (empty, too short, too long, control characters other than the GS1 separator): no
 * later rule should have to think about a broken transmission.</li>
 * <li>GS1 markers (FNC1 sent as GS 0x1D, the AIM symbology identifiers {@code ]d2}/{@code ]C1}/{@code ]Q3},
 * the human-readable "(01)" form, or AI 01 followed by 14 digits) make it a drug
 * code; a broken one is garbage, never an e-voucher,
 * because a mangled drug code must not be sent to the insurance platform as a buyer's token.</li>
 * <li>Digits only: 13 digits can only be an EAN-13 (payment codes are 16–24 long). The payment prefixes are
 * disjoint (WeChat 10–15, Alipay 25–30, UnionPay 62), so their order does not matter; a payment prefix
 * with the wrong length is garbage with a "truncated?" reason (a scanner does not cut digits; N-4
 * interception does). A GS1 element string without separators starts with AI 01 (prefix "01"), which
 * collides with none of the payment prefixes.</li>
 * <li>Anything else that is a plausible token (printable ASCII, 16–512 long, not one repeated character) is a
 * medical-insurance e-voucher: its format is not published (domain.md), so it is recognised by
 * exclusion.</li>
 * </ol>
 */
public final class ScannedCodes {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 512;
    public static final int EVOUCHER_MIN_LENGTH = 16;
    public static final char GS = '\u001D';

    private ScannedCodes() {
    }

    public static ScannedCode classify(String text) {
        return classify(text, ScannerTexts.locale());
    }

    public static ScannedCode classify(String text, Locale locale) {
        try {
            return classifyUnchecked(text == null ? "" : text, locale);
        } catch (RuntimeException e) {
            // Defence in depth: the gate must answer even for an input nobody thought of.
            return garbage(text == null ? "" : text, locale, "garbage.internal", e.getClass().getSimpleName());
        }
    }

    /** What a screen or log may show: drug codes in clear, everything else (payment codes, tokens, garbage
     * that may be a truncated payment code) masked. */
    public static String displayText(ScannedCode code) {
        return code.kind().isDrugCode() ? code.text() : Masking.mask(code.text());
    }

    private static ScannedCode classifyUnchecked(String text, Locale l) {
        if (text.isEmpty()) {
            return garbage(text, l, "garbage.empty");
        }
        if (text.length() > MAX_LENGTH) {
            return garbage(text, l, "garbage.tooLong", text.length(), MAX_LENGTH);
        }
        boolean digitsOnly = true;
        boolean hasGs = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == GS) {
                hasGs = true;
            } else if (c < 0x20 || c == 0x7F) {
                return garbage(text, l, "garbage.control", i + 1, String.format("0x%02X", (int) c));
            } else if (c > 0x7E) {
                return garbage(text, l, "garbage.nonAscii", i + 1);
            }
            if (c < '0' || c > '9') {
                digitsOnly = false;
            }
        }
        if (text.length() < MIN_LENGTH) {
            return garbage(text, l, "garbage.tooShort", text.length(), MIN_LENGTH);
        }
        if (hasGs || text.startsWith("]d2") || text.startsWith("]C1") || text.startsWith("]Q3")
                || text.startsWith("(") || startsWithGtin(text)) {
            return gs1(text, l);
        }
        if (digitsOnly) {
            return digits(text, l);
        }
        if (text.indexOf(' ') >= 0) {
            return garbage(text, l, "garbage.space");
        }
        return evoucherOrGarbage(text, l);
    }

    private static ScannedCode digits(String text, Locale l) {
        int n = text.length();
        int prefix = n >= 2 ? (text.charAt(0) - '0') * 10 + (text.charAt(1) - '0') : -1;
        if (n == 13) {
            int expected = gtinCheckDigit(text, 12);
            int actual = text.charAt(12) - '0';
            if (expected != actual) {
                return garbage(text, l, "garbage.ean13CheckDigit", expected, actual);
            }
            return new ScannedCode(text, ScannedCodeKind.DRUG_BARCODE_EAN13, ScannerTexts.get(l, "kind.ean13.reason"));
        }
        if (prefix >= 10 && prefix <= 15) {
            if (n == 18) {
                return new ScannedCode(text, ScannedCodeKind.WECHAT_PAYMENT_CODE,
                        ScannerTexts.format(l, "kind.wechat.reason", prefix));
            }
            return garbage(text, l, "garbage.paymentLength", ScannerTexts.get(l, "channel.wechat"), n, "18");
        }
        if (prefix >= 25 && prefix <= 30) {
            if (n >= 16 && n <= 24) {
                return new ScannedCode(text, ScannedCodeKind.ALIPAY_PAYMENT_CODE,
                        ScannerTexts.format(l, "kind.alipay.reason", prefix, n));
            }
            return garbage(text, l, "garbage.paymentLength", ScannerTexts.get(l, "channel.alipay"), n, "16–24");
        }
        if (prefix == 62) {
            if (n >= 16 && n <= 24) {
                return new ScannedCode(text, ScannedCodeKind.UNIONPAY_PAYMENT_CODE,
                        ScannerTexts.format(l, "kind.unionpay.reason", n));
            }
            return garbage(text, l, "garbage.paymentLength", ScannerTexts.get(l, "channel.unionpay"), n, "16–24");
        }
        if (prefix == 1 && n >= 16) {
            return gs1(text, l); // AI 01 without separators: a drug code or garbage, never a buyer token
        }
        if (n < EVOUCHER_MIN_LENGTH) {
            return garbage(text, l, "garbage.digitsUnknown", n);
        }
        return evoucherOrGarbage(text, l);
    }

    private static ScannedCode evoucherOrGarbage(String text, Locale l) {
        int n = text.length();
        if (n < EVOUCHER_MIN_LENGTH) {
            return garbage(text, l, "garbage.tokenTooShort", n, EVOUCHER_MIN_LENGTH);
        }
        char first = text.charAt(0);
        boolean same = true;
        for (int i = 1; i < n && same; i++) {
            same = text.charAt(i) == first;
        }
        if (same) {
            return garbage(text, l, "garbage.repeated");
        }
        return new ScannedCode(text, ScannedCodeKind.INSURANCE_EVOUCHER, ScannerTexts.format(l, "kind.evoucher.reason", n));
    }

    // ---------------------------------------------------------------- GS1

    /** Parsed GS1 element string: AI to value, in scan order. */
    public record Gs1(Map<String, String> elements) {
        public String gtin() {
            return elements.get("01");
        }
    }

    /** Thrown inside the parser only; {@link #classify} turns it into a garbage reason. */
    private static final class Gs1Error extends Exception {
        private static final long serialVersionUID = 1L;
        final String key;
        final Object[] args;

        Gs1Error(String key, Object... args) {
            super(key, null, false, false);
            this.key = key;
            this.args = args;
        }
    }

    private static ScannedCode gs1(String text, Locale l) {
        try {
            Gs1 g = parseGs1(text);
            if (g.gtin() == null) {
                return garbage(text, l, "garbage.gs1NoGtin");
            }
            StringBuilder r = new StringBuilder(ScannerTexts.format(l, "kind.gs1.reason", g.gtin()));
            String exp = g.elements().get("17");
            if (exp != null) {
                r.append(ScannerTexts.format(l, "kind.gs1.expiry", exp));
            }
            String batch = g.elements().get("10");
            if (batch != null) {
                r.append(ScannerTexts.format(l, "kind.gs1.batch", batch));
            }
            String serial = g.elements().get("21");
            if (serial != null) {
                r.append(ScannerTexts.format(l, "kind.gs1.serial", serial));
            }
            return new ScannedCode(text, ScannedCodeKind.DRUG_GS1_DATAMATRIX, r.toString());
        } catch (Gs1Error e) {
            Object[] args = new Object[e.args.length];
            System.arraycopy(e.args, 0, args, 0, args.length);
            return garbage(text, l, e.key, args);
        }
    }

    /** Parses a GS1 element string (FNC1 as GS, optional AIM identifier, or the "(01)…" printed form). */
    public static Gs1 parseGs1OrNull(String text) {
        try {
            return text == null ? null : parseGs1(text);
        } catch (Gs1Error | RuntimeException e) {
            return null;
        }
    }

    private static Gs1 parseGs1(String raw) throws Gs1Error {
        String s = raw;
        if (s.startsWith("]d2") || s.startsWith("]C1") || s.startsWith("]Q3")) {
            s = s.substring(3);
        }
        while (!s.isEmpty() && s.charAt(0) == GS) {
            s = s.substring(1); // a leading FNC1 only marks the symbol as GS1
        }
        if (s.startsWith("(")) {
            s = bracketsToElementString(s);
        }
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == GS) {
                i++;
                continue;
            }
            if (i + 2 > s.length()) {
                throw new Gs1Error("garbage.gs1Truncated");
            }
            String ai2 = s.substring(i, i + 2);
            int fixed;
            String ai;
            switch (ai2) {
            case "00" -> { ai = ai2; fixed = 18; }
            case "01", "02" -> { ai = ai2; fixed = 14; }
            case "11", "13", "15", "16", "17" -> { ai = ai2; fixed = 6; }
            case "10", "21" -> { ai = ai2; fixed = -20; }
            case "30", "37" -> { ai = ai2; fixed = -8; }
            case "24", "71" -> {
                // 240 / 241 additional product id, 710–716 national healthcare reimbursement numbers
                if (i + 3 > s.length()) {
                    throw new Gs1Error("garbage.gs1Truncated");
                }
                ai = s.substring(i, i + 3);
                if (!ai.equals("240") && !ai.equals("241") && !(ai2.equals("71") && ai.charAt(2) <= '6')) {
                    throw new Gs1Error("garbage.gs1UnknownAi", ai);
                }
                fixed = -30;
            }
            default -> throw new Gs1Error("garbage.gs1UnknownAi", ai2);
            }
            i += ai.length();
            String value;
            if (fixed > 0) {
                if (i + fixed > s.length()) {
                    throw new Gs1Error("garbage.gs1FieldLength", ai, fixed);
                }
                value = s.substring(i, i + fixed);
                i += fixed;
                for (int k = 0; k < value.length(); k++) {
                    if (value.charAt(k) < '0' || value.charAt(k) > '9') {
                        throw new Gs1Error("garbage.gs1Digits", ai);
                    }
                }
            } else {
                int end = s.indexOf(GS, i);
                if (end < 0) {
                    end = s.length();
                }
                value = s.substring(i, end);
                i = end;
                if (value.isEmpty() || value.length() > -fixed) {
                    throw new Gs1Error("garbage.gs1FieldLength", ai, -fixed);
                }
                for (int k = 0; k < value.length(); k++) {
                    char c = value.charAt(k);
                    if (c <= 0x20 || c > 0x7E) {
                        throw new Gs1Error("garbage.gs1Chars", ai);
                    }
                }
            }
            if (out.putIfAbsent(ai, value) != null) {
                throw new Gs1Error("garbage.gs1Duplicate", ai);
            }
            if (ai.equals("01") || ai.equals("02")) {
                int expected = gtinCheckDigit(value, 13);
                if (expected != value.charAt(13) - '0') {
                    throw new Gs1Error("garbage.gs1CheckDigit", expected, value.charAt(13) - '0');
                }
            } else if (ai.length() == 2 && fixed == 6) {
                int mm = Integer.parseInt(value.substring(2, 4));
                int dd = Integer.parseInt(value.substring(4, 6));
                // DD 00 means "end of month" in GS1 dates.
                if (mm < 1 || mm > 12 || dd > 31) {
                    throw new Gs1Error("garbage.gs1Date", ai);
                }
            }
        }
        if (out.isEmpty()) {
            throw new Gs1Error("garbage.gs1Truncated");
        }
        return new Gs1(out);
    }

    private static String bracketsToElementString(String s) throws Gs1Error {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != '(') {
                throw new Gs1Error("garbage.gs1Brackets");
            }
            int close = s.indexOf(')', i);
            if (close < 0 || close - i < 3 || close - i > 5) {
                throw new Gs1Error("garbage.gs1Brackets");
            }
            int next = s.indexOf('(', close);
            if (next < 0) {
                next = s.length();
            }
            if (b.length() > 0) {
                b.append(GS);
            }
            b.append(s, i + 1, close).append(s, close + 1, next);
            i = next;
        }
        return b.toString();
    }

    /**
     * AI 01 and 14 digits: a GS1 element string even when the separators were lost. The check digit is not
     * required here on purpose: a drug code with a wrong check digit must end as garbage, not slip through as
     * an e-voucher token (whose format is unknown, but a token starting with "01" + 14 digits is a risk we
     * take for that).
     */
    private static boolean startsWithGtin(String t) {
        if (t.length() < 16 || t.charAt(0) != '0' || t.charAt(1) != '1') {
            return false;
        }
        for (int i = 2; i < 16; i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** GS1 mod-10 check digit over the first {@code len} digits (EAN-13: 12, GTIN-14: 13). */
    static int gtinCheckDigit(String digits, int len) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            int d = digits.charAt(i) - '0';
            // weights 3,1,3,... counted from the digit next to the check digit
            sum += ((len - i) % 2 == 1) ? 3 * d : d;
        }
        return (10 - sum % 10) % 10;
    }

    private static ScannedCode garbage(String text, Locale l, String key, Object... args) {
        return new ScannedCode(text, ScannedCodeKind.GARBAGE, ScannerTexts.format(l, key, args));
    }
}
