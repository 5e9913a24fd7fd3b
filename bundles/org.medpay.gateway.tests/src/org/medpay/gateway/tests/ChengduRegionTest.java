package org.medpay.gateway.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.gateway.tests.Fixtures.CASHIER;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.ChannelStatus;
import org.medpay.gateway.api.ChannelTradeRef;
import org.medpay.gateway.api.InsuranceSettlement;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.api.RegionPolicy;
import org.medpay.gateway.national.MessageIds;
import org.medpay.gateway.sandbox.simulator.SandboxKeys;
import org.medpay.gateway.sandbox.simulator.Simulator;
import org.medpay.gateway.sandbox.simulator.SimulatorSettings;
import org.medpay.testing.Sales;
import org.osgi.service.cm.Configuration;

/**
 * The Chengdu region bundle against the simulator playing Chengdu's platform. TLS: the simulator serves
 * plain http on loopback (a trusted certificate for it is impractical in a test), so the test sets
 * {@code allowInsecureLoopback}; without it the gateway refuses http (see the last test).
 */
class ChengduRegionTest {

    static Simulator sim;
    static Configuration config;

    @BeforeAll
    static void start() throws Exception {
        SimulatorSettings s = new SimulatorSettings();
        s.nationalSigningKey = "chengdu-test-key";
        s.wechatApiKey = "chengduWechatKey";
        s.splitAccountPay = true;
        sim = new Simulator(s).start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (config != null) {
            config.delete();
        }
        sim.close();
    }

    static Map<String, Object> settings(boolean allowInsecure) {
        Map<String, Object> m = new HashMap<>();
        m.put("national.url", sim.nationalUri().toString());
        m.put("fixmedins_code", "P51010600123");
        m.put("fixmedins_name", "成都测试大药房");
        m.put("national.signingKey", "chengdu-test-key");
        m.put("alipay.url", sim.alipayUri().toString());
        m.put("alipay.appId", "2021000111");
        m.put("alipay.privateKey", SandboxKeys.ALIPAY_APP_PRIVATE_KEY);
        m.put("alipay.platformPublicKey", SandboxKeys.ALIPAY_PLATFORM_PUBLIC_KEY);
        m.put("wechat.url", sim.wechatUri().toString());
        m.put("wechat.appId", "wxchengdu");
        m.put("wechat.mchId", "1230000109");
        m.put("wechat.apiKey", "chengduWechatKey");
        m.put("policy.split", "ACCOUNT_THEN_CHANNEL");
        m.put("allowInsecureLoopback", Boolean.toString(allowInsecure));
        m.put("testRun", sim.baseUri().toString());
        return m;
    }

    @Test
    void chengduAgainstTheSimulator() throws Exception {
        // Unconfigured: no Chengdu gateway at all.
        assertNull(Fixtures.await(RegionGateway.class, "(medpay.region=510100)", 1_500));

        // Plain http without the test flag: the component refuses to come up.
        config = Fixtures.configure("org.medpay.gateway.region.chengdu", settings(false));
        assertNull(Fixtures.await(RegionGateway.class, "(medpay.region=510100)", 3_000),
                "plain http must be refused in production configuration");

        config.update(new java.util.Hashtable<>(settings(true)));
        RegionGateway gw = Fixtures.gateway("(medpay.region=510100)(allowInsecureLoopback=true)");
        assertEquals("510100", gw.regionCode());
        assertEquals("成都市", gw.displayName());
        assertFalse(gw.isTraining());
        assertEquals(RegionPolicy.SplitPolicy.ACCOUNT_THEN_CHANNEL, gw.policy().split());
        String msgid = gw.nextMessageId();
        assertTrue(MessageIds.FORMAT.matcher(msgid).matches());
        assertTrue(msgid.startsWith("P51010600123"));

        // Insurance leg with the region's split policy: account pays what it can, the rest is cash.
        BuyerIdentity rich = gw.identify(Sales.evoucher("05"), CASHIER);
        InsuranceSettlement s = gw.settle(Fixtures.insurance(gw, rich, 1_000));
        assertEquals(Money.ofFen(1_000), s.accountPaid());
        BuyerIdentity poor = gw.identify(Sales.evoucher("15"), CASHIER);
        InsuranceSettlement split = gw.settle(Fixtures.insurance(gw, poor, 1_000));
        assertEquals(Money.ofFen(100), split.accountPaid());
        assertEquals(Money.ofFen(900), split.cashPart());
        assertEquals(Money.ZERO, split.balanceAfter());

        // Channel legs.
        for (PaymentChannel c : new PaymentChannel[] { PaymentChannel.ALIPAY, PaymentChannel.WECHAT }) {
            ChannelPayRequest req = Fixtures.payRequest(c, Fixtures.code(c, "00"), 900);
            assertEquals(ChannelStatus.PAID, gw.pay(req).status());
            assertEquals(ChannelStatus.PAID, gw.query(new ChannelTradeRef(c, req.outTradeNo())).status());
        }
        assertTrue(sim.ledger().calls("national.9001") >= 1);
    }
}
