package org.medpay.gateway.national.wallet;

import java.net.URI;
import java.util.Objects;

/**
 * @param base   {@code https://api.mch.weixin.qq.com} in production (refund and reverse also need the
 *               merchant's client certificate there: configure it in the JVM's key store)
 * @param appId  {@code appid}
 * @param mchId  {@code mch_id}
 * @param apiKey the v2 API key for HMAC-SHA256 signatures
 */
public record WechatConfig(URI base, String appId, String mchId, String apiKey) {

    public WechatConfig {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(mchId, "mchId");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String toString() {
        return "WechatConfig[" + base + ", mch=" + mchId + ", key=***]";
    }
}
