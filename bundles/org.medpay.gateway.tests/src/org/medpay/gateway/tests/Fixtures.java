package org.medpay.gateway.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.sale.SaleLine;
import org.medpay.core.scan.ScannedCode;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.InsuranceRequest;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.testing.Sales;
import org.medpay.testing.Services;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;

/** Codes, sales and OSGi plumbing shared by the gateway tests. */
final class Fixtures {

    static final OperatorRef CASHIER = new OperatorRef("C001", "测试收银员");

    private Fixtures() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Fixtures.class).getBundleContext();
    }

    static <T> T await(Class<T> type, String filter, long millis) throws Exception {
        return Services.await(context(), type, filter, millis);
    }

    static RegionGateway gateway(String filter) throws Exception {
        RegionGateway g = await(RegionGateway.class, filter, 20_000);
        assertNotNull(g, "no RegionGateway " + filter + " within 20 s");
        return g;
    }

    static Configuration configure(String pid, Map<String, Object> values) throws Exception {
        return Services.configure(context(), pid, values);
    }

    static ScannedCode code(PaymentChannel c, String scenario) {
        return c == PaymentChannel.ALIPAY ? Sales.alipay(scenario) : Sales.wechat(scenario);
    }

    static String outTradeNo() {
        return "MP" + System.currentTimeMillis() + Sales.digits(6);
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
        return new InsuranceRequest(g.nextMessageId(), "SALE" + Sales.digits(8), buyer, lines, total, true, CASHIER,
                Instant.now());
    }
}
