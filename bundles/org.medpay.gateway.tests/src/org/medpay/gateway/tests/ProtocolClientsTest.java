package org.medpay.gateway.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.gateway.tests.Fixtures.CASHIER;

import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.gateway.api.ChannelStatus;
import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.GatewayException.UnknownCause;
import org.medpay.gateway.national.MessageIds;
import org.medpay.gateway.national.NationalClient;
import org.medpay.gateway.national.NationalConfig;
import org.medpay.gateway.national.http.GatewayHttp;
import org.medpay.gateway.national.wallet.AlipayClient;
import org.medpay.gateway.national.wallet.AlipayConfig;
import org.medpay.gateway.national.wallet.WechatClient;
import org.medpay.gateway.national.wallet.WechatConfig;
import org.medpay.gateway.sandbox.simulator.SandboxKeys;
import org.medpay.gateway.sandbox.simulator.Simulator;
import org.medpay.gateway.sandbox.simulator.SimulatorSettings;
import org.medpay.testing.MutableClock;
import org.medpay.testing.Sales;

/** The national and wallet clients on their own against the simulator: signing, sign-in, msgid, TLS rules. */
class ProtocolClientsTest {

    static Simulator sim;
    static GatewayHttp http;

    @BeforeAll
    static void start() throws Exception {
        sim = new Simulator(new SimulatorSettings()).start(0);
        http = new GatewayHttp(new GatewayHttp.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5), true));
    }

    @AfterAll
    static void stop() {
        http.close();
        sim.close();
    }

    static NationalClient national(String key, MutableClock clock) {
        return new NationalClient(new NationalConfig(sim.nationalUri(), "H51010000001", "测试药店", "510100", "SCSB",
                "DEV1", "HMAC-SHA256", key, NationalConfig.CHINA), http, clock);
    }

    static Map<String, Object> personQuery(String certNo) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("mdtrt_cert_type", "01");
        data.put("mdtrt_cert_no", certNo);
        return Map.of("data", data);
    }

    @Test
    void signsInOncePerPlatformDayWithTheInjectedClock() throws Exception {
        // 10:00 in Shanghai on one day.
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
        NationalClient client = national(SandboxKeys.NATIONAL_SIGNING_KEY, clock);
        int before = sim.ledger().calls("national.9001");
        for (int i = 0; i < 3; i++) {
            client.call("1101", client.nextMessageId(), CASHIER, personQuery("EC1234567800"), "");
        }
        assertEquals(1, client.signInCount());
        assertEquals(before + 1, sim.ledger().calls("national.9001"));
        clock.advance(Duration.ofHours(13)); // 23:00 Shanghai: same platform day
        client.call("1101", client.nextMessageId(), CASHIER, personQuery("EC1234567800"), "");
        assertEquals(1, client.signInCount());
        clock.advance(Duration.ofHours(2)); // 01:00 next day in Shanghai (still the 26th in UTC)
        client.call("1101", client.nextMessageId(), CASHIER, personQuery("EC1234567800"), "");
        assertEquals(2, client.signInCount(), "a new platform day needs a new sign-in");
        assertEquals(before + 2, sim.ledger().calls("national.9001"));
    }

    @Test
    void aSignInThePlatformForgotIsRenewedTransparently() throws Exception {
        NationalClient client = national(SandboxKeys.NATIONAL_SIGNING_KEY, new MutableClock(Instant.now()));
        client.call("1101", client.nextMessageId(), CASHIER, personQuery("EC99887766500"), "");
        sim.ledger().reset(); // the platform lost its sign-ins
        client.call("1101", client.nextMessageId(), CASHIER, personQuery("EC99887766500"), "");
        assertEquals(2, client.signInCount());
    }

    @Test
    void aWrongNationalKeyIsRejectedByTheSimulator() {
        NationalClient client = national("not-the-key", new MutableClock(Instant.now()));
        GatewayException.DefiniteFailure f = assertThrows(GatewayException.DefiniteFailure.class,
                () -> client.call("1101", client.nextMessageId(), CASHIER, personQuery("EC1"), ""));
        assertTrue(f.platformMessage().contains("签名"), f.platformMessage());
    }

    @Test
    void aWrongAlipayKeyIsRejected() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String otherKey = Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded());
        AlipayClient client = new AlipayClient(new AlipayConfig(sim.alipayUri(), "2021", otherKey, "S", "T"), http,
                new MutableClock(Instant.now()));
        GatewayException.DefiniteFailure f = assertThrows(GatewayException.DefiniteFailure.class,
                () -> client.pay(Fixtures.payRequest(PaymentChannel.ALIPAY, Sales.alipay("00"), 100)));
        assertEquals("isv.invalid-signature", f.platformCode());
    }

    @Test
    void anAlipayAnswerThatDoesNotVerifyIsNotBelieved() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String notAlipays = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        AlipayClient client = new AlipayClient(new AlipayConfig(sim.alipayUri(), "2021",
                SandboxKeys.ALIPAY_APP_PRIVATE_KEY, "S", "T", notAlipays), http, new MutableClock(Instant.now()));
        GatewayException.UnknownOutcome u = assertThrows(GatewayException.UnknownOutcome.class,
                () -> client.pay(Fixtures.payRequest(PaymentChannel.ALIPAY, Sales.alipay("00"), 100)));
        assertEquals(UnknownCause.MALFORMED_RESPONSE, u.kind());
        AlipayClient right = new AlipayClient(new AlipayConfig(sim.alipayUri(), "2021", SandboxKeys.ALIPAY_APP_PRIVATE_KEY,
                "S", "T", SandboxKeys.ALIPAY_PLATFORM_PUBLIC_KEY), http, new MutableClock(Instant.now()));
        assertEquals(ChannelStatus.PAID,
                right.pay(Fixtures.payRequest(PaymentChannel.ALIPAY, Sales.alipay("00"), 100)).status());
    }

    @Test
    void aWrongWechatKeyIsRejectedAndARotatedKeyWorksBothWays() throws Exception {
        WechatClient wrong = new WechatClient(new WechatConfig(sim.wechatUri(), "wx", "1", "wrong-key"), http,
                new MutableClock(Instant.now()));
        GatewayException.DefiniteFailure f = assertThrows(GatewayException.DefiniteFailure.class,
                () -> wrong.pay(Fixtures.payRequest(PaymentChannel.WECHAT, Sales.wechat("00"), 100)));
        assertEquals(FailureReason.REJECTED, f.reason());
        assertTrue(f.platformMessage().contains("签名"));
        // Requests and answers are signed with the same configured key: rotating it on both sides works.
        sim.settings().wechatApiKey = "rotated-key";
        try {
            WechatClient stale = new WechatClient(new WechatConfig(sim.wechatUri(), "wx", "1", "rotated-key"), http,
                    new MutableClock(Instant.now()));
            assertEquals(ChannelStatus.PAID,
                    stale.pay(Fixtures.payRequest(PaymentChannel.WECHAT, Sales.wechat("00"), 100)).status());
        } finally {
            sim.settings().wechatApiKey = SandboxKeys.WECHAT_API_KEY;
        }
    }

    @Test
    void msgidsAreUniqueWithinOneSecondAndRefuseToRepeat() {
        MutableClock fixed = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
        MessageIds ids = new MessageIds("H51010000001", fixed, ZoneId.of("Asia/Shanghai"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            assertTrue(id.startsWith("H5101000000120261126100000"), id);
            assertTrue(seen.add(id), "duplicate " + id);
        }
        assertThrows(IllegalStateException.class, ids::next, "the 10001st id in one second would repeat");
        fixed.advance(Duration.ofSeconds(1));
        assertTrue(ids.next().startsWith("H5101000000120261126100001"));
    }

    @Test
    void plainHttpIsRefusedUnlessExplicitlyAllowedForLoopback() {
        try (GatewayHttp strict = new GatewayHttp(GatewayHttp.Settings.DEFAULT)) {
            assertThrows(IllegalArgumentException.class, () -> strict.checkEndpoint(sim.nationalUri()));
            strict.checkEndpoint(URI.create("https://fsi.example.cn/api"));
        }
        assertThrows(IllegalArgumentException.class, () -> http.checkEndpoint(URI.create("http://192.0.2.1/x")));
        assertThrows(IllegalArgumentException.class, () -> http.checkEndpoint(URI.create("ftp://127.0.0.1/x")));
        http.checkEndpoint(sim.nationalUri());
    }

    @Test
    void anUnreachablePlatformIsAnUnknownOutcome() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        NationalClient client = new NationalClient(new NationalConfig(URI.create("http://127.0.0.1:" + port + "/x"),
                "H51010000001", "x", "510100", "", "", "", "k", null), http, new MutableClock(Instant.now()));
        GatewayException.UnknownOutcome u = assertThrows(GatewayException.UnknownOutcome.class,
                () -> client.call("1101", client.nextMessageId(), CASHIER, personQuery("EC1"), ""));
        assertNotEquals(UnknownCause.MALFORMED_RESPONSE, u.kind());
    }
}
