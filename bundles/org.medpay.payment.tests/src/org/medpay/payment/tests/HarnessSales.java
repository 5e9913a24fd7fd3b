package org.medpay.payment.tests;

import java.time.LocalDateTime;
import java.util.Random;

import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;

/**
 * Random sales and scans for the harness and the benchmark. The sandbox picks its scenario from the last
 * two digits of the code (org.medpay.gateway.sandbox.simulator.Scenario): 0x ok, 1x balance short,
 * 2x unbound, 3N confirm after N s, 40-44 never confirms, 45-49 declined, 5x expired, 6x system error
 * after booking, 7x slow, 8x connection reset, 9x malformed body.
 */
final class HarnessSales {

    private static final int[][] SCENARIOS = { // {first of the range, size, weight}
            { 0, 10, 25 }, { 10, 10, 10 }, { 20, 10, 10 }, { 31, 9, 15 }, { 40, 5, 8 }, { 45, 5, 5 }, { 50, 10, 5 },
            { 60, 10, 8 }, { 70, 10, 5 }, { 80, 10, 5 }, { 90, 10, 4 } };

    private HarnessSales() {
    }

    static Sale sale(Random rnd, String id) {
        Sale s = new Sale(id);
        LocalDateTime now = LocalDateTime.of(2026, 11, 26, 10, 0);
        int lines = 1 + rnd.nextInt(3);
        for (int i = 0; i < lines; i++) {
            s.add(new DrugRef("P" + i, "药品" + i, "盒装", "盒", Money.ofFen(100 + rnd.nextInt(9_900)), "XJ" + i,
                    rnd.nextBoolean() ? InsuranceClass.A : InsuranceClass.B, false), 1 + rnd.nextInt(3), now);
        }
        if (rnd.nextInt(10) < 4) { // N-2: an unmatched line
            s.add(new DrugRef("U", "未对码药品", "", "瓶", Money.ofFen(100 + rnd.nextInt(2_000)), null, null, false), 1, now);
        }
        return s;
    }

    static String scenarioDigits(Random rnd) {
        int total = 0;
        for (int[] s : SCENARIOS) {
            total += s[2];
        }
        int pick = rnd.nextInt(total);
        for (int[] s : SCENARIOS) {
            if (pick < s[2]) {
                int n = s[0] + rnd.nextInt(s[1]);
                return (n < 10 ? "0" : "") + n;
            }
            pick -= s[2];
        }
        return "00";
    }

    static String digits(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + rnd.nextInt(10)));
        }
        return b.toString();
    }

    static ScannedCode code(Random rnd, String lastTwo) {
        return code(rnd, lastTwo, rnd.nextInt(100));
    }

    /** Alipay or WeChat only: every such payment can end PAID (the wallet covers any N-1 fallback). */
    static ScannedCode walletCode(Random rnd, String lastTwo) {
        return code(rnd, lastTwo, rnd.nextInt(90));
    }

    private static ScannedCode code(Random rnd, String lastTwo, int w) {
        if (w < 45) {
            return new ScannedCode("28" + digits(rnd, 14) + lastTwo, ScannedCodeKind.ALIPAY_PAYMENT_CODE, "harness");
        }
        if (w < 90) {
            return new ScannedCode("13" + digits(rnd, 14) + lastTwo, ScannedCodeKind.WECHAT_PAYMENT_CODE, "harness");
        }
        return new ScannedCode("EC" + digits(rnd, 16) + lastTwo, ScannedCodeKind.INSURANCE_EVOUCHER, "harness");
    }
}
