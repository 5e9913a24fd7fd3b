package org.medpay.testing;

import java.time.LocalDateTime;
import java.util.concurrent.ThreadLocalRandom;

import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;

/** The sales and payment codes the settlement and refund tests pay with. */
public final class Sales {

    private Sales() {
    }

    /** Class A, code-matched: the account may pay (N-2 allows). ¥25.00 */
    public static Sale eligible(LocalDateTime at) {
        Sale s = new Sale();
        s.add(new DrugRef("P1", "阿莫西林胶囊", "0.25g*24粒", "盒", Money.ofFen(1250), "XJ01", InsuranceClass.A, false), 2, at);
        return s;
    }

    /** One unmatched line: N-2, the wallet pays all. ¥28.90 */
    public static Sale ineligible(LocalDateTime at) {
        Sale s = eligible(at);
        s.add(new DrugRef("P2", "维生素C片", "100片", "瓶", Money.ofFen(390), null, null, false), 1, at);
        return s;
    }

    /** {@code n} random decimal digits. */
    public static String digits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ThreadLocalRandom.current().nextInt(10));
        }
        return sb.toString();
    }

    /** An Alipay payment code (prefix 28, 18 digits) ending in the simulator's scenario digits. */
    public static ScannedCode alipay(String scenario) {
        return new ScannedCode("28" + digits(14) + scenario, ScannedCodeKind.ALIPAY_PAYMENT_CODE, "test");
    }

    /** A WeChat payment code (prefix 13, 18 digits) ending in the simulator's scenario digits. */
    public static ScannedCode wechat(String scenario) {
        return new ScannedCode("13" + digits(14) + scenario, ScannedCodeKind.WECHAT_PAYMENT_CODE, "test");
    }

    /** An insurance e-voucher (EC, 20 digits) ending in the simulator's scenario digits. */
    public static ScannedCode evoucher(String scenario) {
        return new ScannedCode("EC" + digits(20) + scenario, ScannedCodeKind.INSURANCE_EVOUCHER, "test");
    }
}
