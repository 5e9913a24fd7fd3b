package org.medpay.gateway.sandbox.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.national.ForwardingRegionGateway;
import org.medpay.gateway.national.NationalClient;
import org.medpay.gateway.national.NationalConfig;
import org.medpay.gateway.national.NationalRegionGateway;
import org.medpay.gateway.national.RegionConfig;
import org.medpay.gateway.national.RegionInfo;
import org.medpay.gateway.national.http.GatewayHttp;
import org.medpay.gateway.national.wallet.AlipayClient;
import org.medpay.gateway.national.wallet.AlipayConfig;
import org.medpay.gateway.national.wallet.WechatClient;
import org.medpay.gateway.national.wallet.WechatConfig;
import org.medpay.gateway.sandbox.simulator.SandboxKeys;
import org.medpay.gateway.sandbox.simulator.Simulator;
import org.medpay.gateway.sandbox.simulator.SimulatorSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The sandbox region (训练模式): the default product's region. It starts the simulator on 127.0.0.1 and
 * talks to it through the same national and wallet clients a real region uses, over real HTTP, so the
 * training till exercises the real network path. Config Admin PID {@code org.medpay.gateway.sandbox}
 * (optional): {@code simulatorUrl} (use an external simulator instead of the embedded one),
 * {@code requestTimeoutMillis}, {@code connectTimeoutMillis}, {@code policy.*}, the simulator's settings
 * ({@code sim.slowDelayMillis}, {@code sim.confirmAfterSeconds}, {@code sim.wechatReverseMinSeconds},
 * {@code sim.faultPercent}, ...), and {@code nationalSigningKey} / {@code wechatApiKey} to override the
 * client's keys (tests prove a wrong key is refused).
 */
@Component(service = RegionGateway.class, configurationPid = "org.medpay.gateway.sandbox",
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { RegionGateway.REGION_PROPERTY + "=" + SandboxGateway.REGION_CODE, "medpay.training=true" })
public final class SandboxGateway extends ForwardingRegionGateway {

    public static final String REGION_CODE = "999999";
    public static final String INSTITUTION_CODE = "P99999900001";

    private Simulator simulator;
    private GatewayHttp http;
    private NationalRegionGateway delegate;
    private final RegionConfig config;
    /** The simulator and clients start in the background: activation happens while the till starts up. */
    private final java.util.concurrent.CompletableFuture<Void> started;
    private volatile boolean closing;

    @Activate
    public SandboxGateway(Map<String, Object> properties) throws Exception {
        this(properties, Clock.systemUTC(), true);
    }

    public SandboxGateway(Map<String, Object> properties, Clock clock) throws Exception {
        this(properties, clock, false);
    }

    private SandboxGateway(Map<String, Object> properties, Clock clock, boolean background) throws Exception {
        config = new RegionConfig(properties);
        if (background) {
            started = new java.util.concurrent.CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    // The simulated platforms are not needed before the window is up (StartupGate).
                    if (!org.medpay.core.startup.StartupGate.awaitWindow(() -> closing)) {
                        throw new IllegalStateException("sandbox region stopped before its simulator started");
                    }
                    start(properties, clock);
                    started.complete(null);
                } catch (Throwable e) {
                    started.completeExceptionally(e);
                }
            }, "medpay-sandbox-start");
            t.setDaemon(true);
            t.start();
        } else {
            start(properties, clock);
            started = java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    private void start(Map<String, Object> properties, Clock clock) throws Exception {
        RegionConfig c = config;
        String external = c.text("simulatorUrl", null);
        URI base;
        if (external == null) {
            SimulatorSettings settings = new SimulatorSettings();
            Map<String, Object> sim = new LinkedHashMap<>();
            properties.forEach((k, v) -> {
                if (k.startsWith("sim.")) {
                    sim.put(k.substring(4), v);
                }
            });
            simulator = new Simulator(settings);
            simulator.apply(sim);
            // The platform splits only when the region's policy says so (N-1 otherwise).
            settings.splitAccountPay = c.policy().split() == org.medpay.gateway.api.RegionPolicy.SplitPolicy.ACCOUNT_THEN_CHANNEL;
            simulator.start(0);
            base = simulator.baseUri();
        } else {
            simulator = null;
            base = URI.create(external.endsWith("/") ? external.substring(0, external.length() - 1) : external);
        }
        try {
            // Plain http is acceptable only because the simulator listens on loopback (GatewayHttp checks).
            http = new GatewayHttp(new GatewayHttp.Settings(Duration.ofMillis(c.number("connectTimeoutMillis", 3_000)),
                    Duration.ofMillis(c.number("requestTimeoutMillis", 15_000)), true));
            NationalConfig nc = new NationalConfig(URI.create(base + Simulator.NATIONAL_PATH), INSTITUTION_CODE,
                    "沙箱培训药店", REGION_CODE, "SANDBOX", "SANDBOX-TILL", "HMAC-SHA256",
                    c.text("nationalSigningKey", SandboxKeys.NATIONAL_SIGNING_KEY), NationalConfig.CHINA);
            AlipayClient alipay = new AlipayClient(new AlipayConfig(URI.create(base + Simulator.ALIPAY_PATH),
                    "2021000000000000", c.text("alipayPrivateKey", SandboxKeys.ALIPAY_APP_PRIVATE_KEY), "SANDBOX", "T1",
                    SandboxKeys.ALIPAY_PLATFORM_PUBLIC_KEY),
                    http, clock);
            WechatClient wechat = new WechatClient(new WechatConfig(URI.create(base + Simulator.WECHAT_PATH),
                    "wxsandbox", "1900000109", c.text("wechatApiKey", SandboxKeys.WECHAT_API_KEY)), http, clock);
            delegate = new NationalRegionGateway(
                    new RegionInfo(REGION_CODE, c.text("displayName", "沙箱"), true, c.policy()),
                    new NationalClient(nc, http, clock), alipay, wechat);
        } catch (RuntimeException e) {
            closeResources();
            throw e;
        }
    }

    @Override
    protected RegionGateway delegate() {
        awaitStarted();
        return delegate;
    }

    private void awaitStarted() {
        try {
            started.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("sandbox simulator did not start", e.getCause());
        }
    }

    // Answered from configuration: the status bar asks while the simulator may still be starting.
    @Override
    public String regionCode() {
        return REGION_CODE;
    }

    @Override
    public String displayName() {
        return config.text("displayName", "沙箱");
    }

    @Override
    public boolean isTraining() {
        return true;
    }

    @Override
    public org.medpay.gateway.api.RegionPolicy policy() {
        return config.policy();
    }

    /** The embedded simulator, {@code null} when an external one is configured (tests read its ledger). */
    public Simulator simulator() {
        awaitStarted();
        return simulator;
    }

    public NationalClient nationalClient() {
        awaitStarted();
        return delegate.nationalClient();
    }

    @Deactivate
    public void close() {
        closing = true;
        try {
            started.join();
        } catch (RuntimeException e) {
            // it never started: closeResources() below releases what it got
        }
        closeResources();
    }

    private void closeResources() {
        if (http != null) {
            http.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }
}
