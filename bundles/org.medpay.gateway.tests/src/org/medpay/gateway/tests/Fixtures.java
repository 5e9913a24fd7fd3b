package org.medpay.gateway.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.sale.SaleLine;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.InsuranceRequest;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** Codes, sales and OSGi plumbing shared by the gateway tests. */
final class Fixtures {

    static final OperatorRef CASHIER = new OperatorRef("C001", "测试收银员");

    private Fixtures() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Fixtures.class).getBundleContext();
    }

    static <T> T await(Class<T> type, String filter, long millis) throws Exception {
        Filter f = context().createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")");
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), f, null);
        tracker.open();
        return type.cast(tracker.waitForService(millis));
    }

    static RegionGateway gateway(String filter) throws Exception {
        RegionGateway g = await(RegionGateway.class, filter, 20_000);
        assertNotNull(g, "no RegionGateway " + filter + " within 20 s");
        return g;
    }

    static Configuration configure(String pid, Map<String, Object> values) throws Exception {
        ConfigurationAdmin ca = await(ConfigurationAdmin.class, "", 20_000);
        assertNotNull(ca, "no ConfigurationAdmin");
        Configuration c = ca.getConfiguration(pid, "?");
        Dictionary<String, Object> d = new Hashtable<>(values);
        c.update(d);
        return c;
    }

    private static String digits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ThreadLocalRandom.current().nextInt(10));
        }
        return sb.toString();
    }

    /** An Alipay payment code (prefix 28, 18 digits) ending in the scenario digits. */
    static ScannedCode alipay(String scenario) {
        return new ScannedCode("28" + digits(14) + scenario, ScannedCodeKind.ALIPAY_PAYMENT_CODE, "test");
    }

    /** A WeChat payment code (prefix 13, 18 digits) ending in the scenario digits. */
    static ScannedCode wechat(String scenario) {
        return new ScannedCode("13" + digits(14) + scenario, ScannedCodeKind.WECHAT_PAYMENT_CODE, "test");
    }

    static ScannedCode evoucher(String scenario) {
        return new ScannedCode("EC" + digits(20) + scenario, ScannedCodeKind.INSURANCE_EVOUCHER, "test");
    }

    static ScannedCode code(PaymentChannel c, String scenario) {
        return c == PaymentChannel.ALIPAY ? alipay(scenario) : wechat(scenario);
    }

    static String outTradeNo() {
        return "MP" + System.currentTimeMillis() + digits(6);
    }

    static ChannelPayRequest payRequest(PaymentChannel c, ScannedCode code, long fen) {
        return new ChannelPayRequest(c, outTradeNo(), code.text(), Money.ofFen(fen), "药品", CASHIER);
    }

    /** A code-matched class A drug at the given unit price, quantity 1 ... n lines. */
    static List<SaleLine> lines(long... unitFen) {
        SaleLine[] out = new SaleLine[unitFen.length];
        for (int i = 0; i < unitFen.length; i++) {
            DrugRef drug = new DrugRef("YP" + i, "阿莫西林胶囊", "0.25g*24粒", "盒", Money.ofFen(unitFen[i]),
                    "XJ01CAA040A001010100000" + i, InsuranceClass.A, false);
            out[i] = new SaleLine(i + 1, drug, 1, LocalDateTime.of(2026, 11, 26, 10, 0));
        }
        return List.of(out);
    }

    static InsuranceRequest insurance(RegionGateway g, BuyerIdentity buyer, long... unitFen) {
        List<SaleLine> lines = lines(unitFen);
        Money total = Money.ZERO;
        for (SaleLine l : lines) {
            total = total.plus(l.total());
        }
        return new InsuranceRequest(g.nextMessageId(), "SALE" + digits(8), buyer, lines, total, true, CASHIER,
                Instant.now());
    }
}
