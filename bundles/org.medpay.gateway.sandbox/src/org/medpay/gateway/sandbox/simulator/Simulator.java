package org.medpay.gateway.sandbox.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.medpay.gateway.national.codec.Json;
import org.medpay.gateway.national.codec.JsonException;

/**
 * A regional insurance platform plus Alipay and WeChat Pay, served by a Jetty server on 127.0.0.1. Paths:
 * <ul>
 * <li>{@code POST /fsi/api/rsfComIfsService/callService} national envelope (9001 1101 2101 2102 2103 2601 3202)</li>
 * <li>{@code POST /alipay/gateway.do} Alipay open API (form post, RSA2)</li>
 * <li>{@code POST /wechat/pay/micropay}, {@code /wechat/pay/orderquery}, {@code /wechat/secapi/pay/reverse},
 * {@code /wechat/secapi/pay/refund}, {@code /wechat/pay/refundquery} (XML, HMAC-SHA256)</li>
 * <li>{@code GET /sim/ledger}, {@code POST /sim/reset}, {@code GET|POST /sim/settings} admin</li>
 * </ul>
 */
public final class Simulator implements AutoCloseable {

    public static final String NATIONAL_PATH = "/fsi/api/rsfComIfsService/callService";
    public static final String ALIPAY_PATH = "/alipay/gateway.do";
    public static final String WECHAT_PATH = "/wechat";

    private final SimulatorSettings settings;
    private final Ledger ledger = new Ledger();
    private final NationalPlatform national;
    private final AlipayPlatform alipay;
    private final WechatPlatform wechat;
    private volatile Clock clock = Clock.systemUTC();
    private Random faults;
    private Server server;
    private ServerConnector connector;

    public Simulator(SimulatorSettings settings) {
        this.settings = settings;
        this.national = new NationalPlatform(ledger, settings);
        this.alipay = new AlipayPlatform(ledger, settings);
        this.wechat = new WechatPlatform(ledger, settings);
        this.faults = new Random(settings.faultSeed);
    }

    /** Starts on 127.0.0.1; port 0 picks a free one. */
    public synchronized Simulator start(int port) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("medpay-simulator");
        pool.setDaemon(true);
        server = new Server(pool);
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return Simulator.this.handle(request, response, callback);
            }
        });
        server.start();
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public URI nationalUri() {
        return baseUri().resolve(NATIONAL_PATH);
    }

    public URI alipayUri() {
        return baseUri().resolve(ALIPAY_PATH);
    }

    public URI wechatUri() {
        return baseUri().resolve(WECHAT_PATH);
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Tests move time (buyer confirmations, the WeChat 15 s rule, the sign-in day). */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    public Map<String, Object> ledgerSnapshot() {
        return ledger.snapshot(clock.instant());
    }

    private boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        Instant now = clock.instant();
        if (path.startsWith("/sim/")) {
            write(response, callback, admin(path, request.getMethod(), body, now));
            return true;
        }
        if (!"POST".equals(request.getMethod())) {
            write(response, callback, new Answer(405, "text/plain", "POST only", null));
            return true;
        }
        Scenario forced = randomFault();
        if (forced == Scenario.RESET && faults(50)) {
            // The request is lost before the platform saw it.
            reset(request, callback);
            return true;
        }
        Answer answer;
        if (path.equals(NATIONAL_PATH)) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (HttpField f : request.getHeaders()) {
                headers.put(f.getLowerCaseName(), f.getValue());
            }
            answer = national.handle(body, headers, now, forced);
        } else if (path.equals(ALIPAY_PATH)) {
            answer = alipay.handle(body, now, forced);
        } else if (path.startsWith(WECHAT_PATH + "/")) {
            answer = wechat.handle(path.substring(WECHAT_PATH.length()), body, now, forced);
        } else {
            answer = new Answer(404, "text/plain", "not found", null);
        }
        if (answer.fault() == Scenario.SLOW) {
            Thread.sleep(settings.slowDelayMillis);
        } else if (answer.fault() == Scenario.RESET) {
            reset(request, callback);
            return true;
        } else if (answer.fault() == Scenario.MALFORMED) {
            String b = answer.body();
            answer = new Answer(200, answer.contentType(), b.substring(0, Math.max(1, b.length() / 2)), null);
        }
        write(response, callback, answer);
        return true;
    }

    private synchronized Scenario randomFault() {
        int pct = settings.faultPercent;
        if (pct <= 0 || faults.nextInt(100) >= pct) {
            return null;
        }
        Scenario[] kinds = { Scenario.SYSTEM_ERROR, Scenario.SLOW, Scenario.RESET, Scenario.MALFORMED };
        return kinds[faults.nextInt(kinds.length)];
    }

    private synchronized boolean faults(int pct) {
        return faults.nextInt(100) < pct;
    }

    private static void reset(Request request, Callback callback) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        endPoint.close();
        // Completing (not failing) the callback keeps Jetty from logging an error page it cannot send.
        callback.succeeded();
    }

    private Answer admin(String path, String method, String body, Instant now) {
        switch (path) {
        case "/sim/ledger":
            return Answer.json(Json.write(ledger.snapshot(now)));
        case "/sim/reset":
            if (!"POST".equals(method)) {
                return new Answer(405, "text/plain", "POST only", null);
            }
            ledger.reset();
            return Answer.json("{\"reset\":true}");
        case "/sim/settings":
            if ("POST".equals(method)) {
                try {
                    apply(Json.parseObject(body));
                } catch (JsonException | RuntimeException e) {
                    return new Answer(400, "text/plain", "bad settings: " + e.getMessage(), null);
                }
            }
            return Answer.json(Json.write(settingsView()));
        case "/sim/health":
            return Answer.json("{\"up\":true}");
        default:
            return new Answer(404, "text/plain", "not found", null);
        }
    }

    private Map<String, Object> settingsView() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slowDelayMillis", settings.slowDelayMillis);
        m.put("confirmAfterSeconds", settings.confirmAfterSeconds);
        m.put("richBalanceFen", settings.richBalanceFen);
        m.put("poorBalanceFen", settings.poorBalanceFen);
        m.put("splitAccountPay", settings.splitAccountPay);
        m.put("wechatReverseMinSeconds", settings.wechatReverseMinSeconds);
        m.put("passwordAboveFen", settings.passwordAboveFen);
        m.put("wechatAutoRevokeSeconds", settings.wechatAutoRevokeSeconds);
        m.put("faultPercent", settings.faultPercent);
        m.put("faultSeed", settings.faultSeed);
        return m;
    }

    /** Applies the admin endpoint's (or a config's) settings; unknown keys are refused. */
    public synchronized void apply(Map<String, Object> values) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String v = String.valueOf(e.getValue());
            switch (e.getKey()) {
            case "slowDelayMillis" -> settings.slowDelayMillis = Long.parseLong(v);
            case "confirmAfterSeconds" -> settings.confirmAfterSeconds = Integer.parseInt(v);
            case "richBalanceFen" -> settings.richBalanceFen = Long.parseLong(v);
            case "poorBalanceFen" -> settings.poorBalanceFen = Long.parseLong(v);
            case "splitAccountPay" -> settings.splitAccountPay = Boolean.parseBoolean(v);
            case "wechatReverseMinSeconds" -> settings.wechatReverseMinSeconds = Integer.parseInt(v);
            case "passwordAboveFen" -> settings.passwordAboveFen = Long.parseLong(v);
            case "wechatAutoRevokeSeconds" -> settings.wechatAutoRevokeSeconds = Integer.parseInt(v);
            case "faultPercent" -> settings.faultPercent = Integer.parseInt(v);
            case "faultSeed" -> {
                settings.faultSeed = Long.parseLong(v);
                faults = new Random(settings.faultSeed);
            }
            case "nationalSigningKey" -> settings.nationalSigningKey = v;
            case "wechatApiKey" -> settings.wechatApiKey = v;
            case "alipayAppPublicKey" -> settings.alipayAppPublicKey = v;
            default -> throw new IllegalArgumentException("unknown setting " + e.getKey());
            }
        }
    }

    private static void write(Response response, Callback callback, Answer a) {
        response.setStatus(a.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
        Content.Sink.write(response, true, a.body(), callback);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                // stopping: nothing to recover
            }
            server = null;
        }
    }
}
