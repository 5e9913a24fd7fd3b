package org.medpay.gateway.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.gateway.tests.Fixtures.CASHIER;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.GatewayException.UnknownCause;
import org.medpay.gateway.national.NationalClient;
import org.medpay.gateway.national.NationalConfig;
import org.medpay.gateway.national.codec.Json;
import org.medpay.gateway.national.http.GatewayHttp;
import org.medpay.gateway.national.wallet.AlipayClient;
import org.medpay.gateway.national.wallet.AlipayConfig;
import org.medpay.gateway.sandbox.simulator.SandboxKeys;
import org.medpay.gateway.sandbox.simulator.Simulator;
import org.medpay.gateway.sandbox.simulator.SimulatorSettings;
import org.medpay.testing.MutableClock;
import org.medpay.testing.Sales;

/** TLS verification against a real TLS server, and the simulator's admin endpoint as the harness uses it. */
class TlsAndAdminTest {

    /** A self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    static Path keyStore() throws Exception {
        Path dir = Files.createTempDirectory("medpay-tls");
        Path ks = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sim", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
        return ks;
    }

    @Test
    void anUntrustedCertificateIsRefusedAndATrustedOneAccepted() throws Exception {
        Path ks = keyStore();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(ks.toString());
        ssl.setKeyStorePassword("changeit");
        ssl.setKeyStoreType("PKCS12");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, ssl);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.start();
        try {
            URI uri = URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/fsi/api");
            try (GatewayHttp strict = new GatewayHttp(GatewayHttp.Settings.DEFAULT)) {
                NationalClient client = new NationalClient(new NationalConfig(uri, "H51010000001", "x", "510100", "", "",
                        "", "k", null), strict, new MutableClock(Instant.now()));
                GatewayException.UnknownOutcome u = assertThrows(GatewayException.UnknownOutcome.class,
                        () -> client.call("1101", client.nextMessageId(), CASHIER, Map.of(), ""));
                assertEquals(UnknownCause.GATEWAY_UNAVAILABLE, u.kind(), "a self-signed platform must not be trusted");
            }
            // The same server, trusted through a configured trust store: the TLS exchange succeeds and the
            // (handler-less) server's 404 comes back as a definite refusal.
            try (GatewayHttp trusting = new GatewayHttp(new GatewayHttp.Settings(Duration.ofSeconds(5),
                    Duration.ofSeconds(10), false, ks.toString(), "changeit"))) {
                NationalClient client = new NationalClient(new NationalConfig(uri, "H51010000001", "x", "510100", "", "",
                        "", "k", null), trusting, new MutableClock(Instant.now()));
                GatewayException.DefiniteFailure f = assertThrows(GatewayException.DefiniteFailure.class,
                        () -> client.call("1101", client.nextMessageId(), CASHIER, Map.of(), ""));
                assertEquals("HTTP 404", f.platformCode());
            }
        } finally {
            server.stop();
        }
    }

    static String http(String method, URI uri, String body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        if (body != null) {
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertEquals(200, c.getResponseCode());
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAdminEndpointShowsChargesAndResetsAndRandomFaultsNeverDoubleCharge() throws Exception {
        try (Simulator sim = new Simulator(new SimulatorSettings()).start(0);
                GatewayHttp http = new GatewayHttp(new GatewayHttp.Settings(Duration.ofSeconds(2), Duration.ofMillis(1500),
                        true))) {
            URI base = sim.baseUri();
            http("POST", base.resolve("/sim/settings"), "{\"faultPercent\":60,\"faultSeed\":7,\"slowDelayMillis\":2500}");
            AlipayClient alipay = new AlipayClient(new AlipayConfig(sim.alipayUri(), "2021", SandboxKeys.ALIPAY_APP_PRIVATE_KEY,
                    "S", "T"), http, new MutableClock(Instant.now()));
            int unknown = 0;
            for (int i = 0; i < 30; i++) {
                ChannelPayRequest req = Fixtures.payRequest(PaymentChannel.ALIPAY, Sales.alipay("00"), 100 + i);
                for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                        alipay.pay(req);
                        break;
                    } catch (GatewayException.UnknownOutcome e) {
                        unknown++; // retried under the same out_trade_no: the platform must charge once at most
                    } catch (GatewayException.DefiniteFailure e) {
                        assertEquals(FailureReason.TRADE_ALREADY_PAID, e.reason());
                        break;
                    }
                }
            }
            assertTrue(unknown > 0, "60% faults must have produced unknown outcomes");
            Map<String, Object> ledger = Json.parseObject(http("GET", base.resolve("/sim/ledger"), null));
            Map<String, Object> trades = (Map<String, Object>) ledger.get("trades");
            for (Object t : trades.values()) {
                int charged = ((Number) ((Map<String, Object>) t).get("charged")).intValue();
                assertTrue(charged <= 1, "charged " + charged + " times: " + t);
            }
            assertInstanceOf(Map.class, ledger.get("totals"));
            assertTrue(((Map<String, Object>) ledger.get("calls")).containsKey("alipay.alipay.trade.pay"));
            http("POST", base.resolve("/sim/reset"), "");
            assertEquals(Map.of(), Json.parseObject(http("GET", base.resolve("/sim/ledger"), null)).get("trades"));
        }
    }
}
