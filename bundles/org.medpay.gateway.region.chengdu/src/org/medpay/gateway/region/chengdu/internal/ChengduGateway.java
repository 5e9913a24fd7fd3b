package org.medpay.gateway.region.chengdu.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Chengdu (成都市, 510100) on the national protocol. Exists only when Config Admin PID
 * {@code org.medpay.gateway.region.chengdu} is configured (REQUIRE): an unconfigured till shows no
 * Chengdu gateway. Required: {@code national.url}, {@code fixmedins_code}, {@code fixmedins_name},
 * {@code national.signingKey}. Optional: {@code recer_sys_code}, {@code dev_no}, {@code signtype},
 * {@code alipay.url|appId|privateKey|platformPublicKey|storeId|terminalId}, {@code wechat.url|appId|mchId|apiKey} (a wallet
 * without its settings is simply not offered), {@code policy.*}, {@code connectTimeoutMillis},
 * {@code requestTimeoutMillis}, {@code trustStore} / {@code trustStorePassword} (PKCS#12, for a platform
 * behind a private CA; default: the JVM's trust store), and {@code allowInsecureLoopback} (tests only: accept plain http to
 * 127.0.0.1; everything else must be https with a verified certificate).
 */
@Component(service = RegionGateway.class, configurationPid = ChengduGateway.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = RegionGateway.REGION_PROPERTY + "=" + ChengduGateway.REGION_CODE)
public final class ChengduGateway extends ForwardingRegionGateway {

    public static final String PID = "org.medpay.gateway.region.chengdu";
    public static final String REGION_CODE = "510100";

    private final GatewayHttp http;
    private final NationalRegionGateway delegate;

    @Activate
    public ChengduGateway(Map<String, Object> properties) {
        this(properties, Clock.systemUTC());
    }

    public ChengduGateway(Map<String, Object> properties, Clock clock) {
        RegionConfig c = new RegionConfig(properties);
        http = new GatewayHttp(new GatewayHttp.Settings(Duration.ofMillis(c.number("connectTimeoutMillis", 5_000)),
                Duration.ofMillis(c.number("requestTimeoutMillis", 15_000)), c.flag("allowInsecureLoopback", false),
                c.text("trustStore", null), c.text("trustStorePassword", null)));
        try {
            NationalConfig nc = new NationalConfig(URI.create(c.required("national.url")), c.required("fixmedins_code"),
                    c.required("fixmedins_name"), REGION_CODE, c.text("recer_sys_code", "SCSB"), c.text("dev_no", ""),
                    c.text("signtype", "HMAC-SHA256"), c.required("national.signingKey"), NationalConfig.CHINA);
            AlipayClient alipay = c.text("alipay.appId", null) == null ? null
                    : new AlipayClient(new AlipayConfig(URI.create(c.required("alipay.url")), c.required("alipay.appId"),
                            c.required("alipay.privateKey"), c.text("alipay.storeId", ""), c.text("alipay.terminalId", ""),
                            c.required("alipay.platformPublicKey")),
                            http, clock);
            WechatClient wechat = c.text("wechat.mchId", null) == null ? null
                    : new WechatClient(new WechatConfig(URI.create(c.required("wechat.url")), c.required("wechat.appId"),
                            c.required("wechat.mchId"), c.required("wechat.apiKey")), http, clock);
            delegate = new NationalRegionGateway(new RegionInfo(REGION_CODE, "成都市", false, c.policy()),
                    new NationalClient(nc, http, clock), alipay, wechat);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    @Override
    protected RegionGateway delegate() {
        return delegate;
    }

    @Deactivate
    void close() {
        http.close();
    }
}
