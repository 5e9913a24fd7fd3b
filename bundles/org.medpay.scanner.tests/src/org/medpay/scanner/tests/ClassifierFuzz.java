package org.medpay.scanner.tests;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.scanner.ScannedCodes;

/**
 * Property/fuzz run over the classifier: random strings, random digit runs around the payment prefixes and
 * lengths, and mutations of valid codes (flip, drop, insert, duplicate, truncate, stray GS / control / CJK).
 * Properties: nothing escapes, every result has a reason, the safety net (an internal exception turned into
 * garbage) is never needed, results are deterministic, and a kind's own rule holds for what got that kind.
 */
final class ClassifierFuzz {

    private static final String[] SEEDS = { "281234567890123456", "2512345678901234", "301234567890123456789012",
            "134567890123456789", "101234567890123456", "6225880123456789012", "6901234567892",
            "0106901234567892172712311" + "0ABC123\u001D21SN0001", "]d2010690123456789217271231",
            "(01)06901234567892(17)271231(10)ABC123", "ec1A2b3C4d5E6f7G8h9I0jKlMnOpQr",
            "https://ybj.example/ec?t=Ab12Cd34Ef56" };
    private static final String NET = ScannedCodes.classify("", Locale.ENGLISH).reason().isEmpty() ? "?"
            : "Invalid scan: not recognised (";

    long inputs;
    long escaped;
    long safetyNet;
    long violations;
    String firstProblem;
    final Map<ScannedCodeKind, Long> kinds = new EnumMap<>(ScannedCodeKind.class);

    void run(long n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (long i = 0; i < n; i++) {
            String s = switch ((int) (i % 4)) {
            case 0 -> randomString(r);
            case 1 -> randomDigits(r);
            default -> mutate(SEEDS[r.nextInt(SEEDS.length)], r);
            };
            check(s);
        }
    }

    void check(String s) {
        inputs++;
        try {
            ScannedCode c = ScannedCodes.classify(s, Locale.ENGLISH);
            kinds.merge(c.kind(), 1L, Long::sum);
            if (c.reason() == null || c.reason().isBlank()) {
                problem("no reason", s);
            } else if (c.reason().startsWith(NET)) {
                safetyNet++;
                problem("safety net: " + c.reason(), s);
            }
            if (!c.text().equals(s == null ? "" : s)) {
                problem("text changed", s);
            }
            if (!c.equals(ScannedCodes.classify(s, Locale.ENGLISH))) {
                problem("not deterministic", s);
            }
            String t = c.text();
            switch (c.kind()) {
            case ALIPAY_PAYMENT_CODE -> require(digits(t) && t.length() >= 16 && t.length() <= 24
                    && prefix(t) >= 25 && prefix(t) <= 30, "alipay rule", s);
            case WECHAT_PAYMENT_CODE -> require(digits(t) && t.length() == 18 && prefix(t) >= 10 && prefix(t) <= 15,
                    "wechat rule", s);
            case UNIONPAY_PAYMENT_CODE -> require(digits(t) && t.startsWith("62"), "unionpay rule", s);
            case DRUG_BARCODE_EAN13 -> require(digits(t) && t.length() == 13, "ean rule", s);
            case INSURANCE_EVOUCHER -> require(printable(t) && t.length() >= 16, "evoucher rule", s);
            default -> {
            }
            }
            if (c.kind().isPaymentCode() && c.toString().contains(t)) {
                problem("payment code unmasked in toString", s);
            }
        } catch (Throwable e) {
            escaped++;
            problem("escaped " + e, s);
        }
    }

    private void require(boolean ok, String what, String s) {
        if (!ok) {
            problem(what, s);
        }
    }

    private void problem(String what, String s) {
        violations++;
        if (firstProblem == null) {
            firstProblem = what + " for " + (s == null ? "null" : s.replace('\u001D', '|'));
        }
    }

    private static boolean digits(String t) {
        return !t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean printable(String t) {
        return t.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    private static int prefix(String t) {
        return Integer.parseInt(t.substring(0, 2));
    }

    private static String randomString(SplittableRandom r) {
        int len = r.nextInt(10) == 0 ? r.nextInt(700) : r.nextInt(40);
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int k = r.nextInt(20);
            b.append(k == 0 ? (char) r.nextInt(0x20) : k == 1 ? (char) (0x4E00 + r.nextInt(0x5000))
                    : k == 2 ? (char) r.nextInt(0x10000) : (char) (0x20 + r.nextInt(0x5F)));
        }
        return b.toString();
    }

    private static String randomDigits(SplittableRandom r) {
        String[] prefixes = { "", "1", "10", "13", "15", "16", "25", "28", "30", "31", "62", "69", "01", "0" };
        StringBuilder b = new StringBuilder(prefixes[r.nextInt(prefixes.length)]);
        int len = r.nextInt(30);
        while (b.length() < len) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return b.toString();
    }

    private static String mutate(String seed, SplittableRandom r) {
        StringBuilder b = new StringBuilder(seed);
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds; k++) {
            int n = b.length();
            int at = n == 0 ? 0 : r.nextInt(n);
            switch (r.nextInt(9)) {
            case 0 -> { if (n > 0) b.setCharAt(at, (char) ('0' + r.nextInt(10))); }
            case 1 -> { if (n > 0) b.deleteCharAt(at); }
            case 2 -> b.insert(at, (char) ('0' + r.nextInt(10)));
            case 3 -> b.setLength(r.nextInt(n + 1));
            case 4 -> b.insert(at, '\u001D');
            case 5 -> b.insert(at, (char) r.nextInt(0x20));
            case 6 -> b.insert(at, (char) (0x4E00 + r.nextInt(0x5000)));
            case 7 -> b.append(b, 0, Math.min(n, r.nextInt(20)));
            default -> { if (n > 1) { char c = b.charAt(at); int o = r.nextInt(n); b.setCharAt(at, b.charAt(o)); b.setCharAt(o, c); } }
            }
        }
        return b.toString();
    }
}
