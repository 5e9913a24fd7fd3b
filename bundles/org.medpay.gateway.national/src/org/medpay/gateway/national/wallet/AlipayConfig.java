package org.medpay.gateway.national.wallet;

import java.net.URI;
import java.util.Objects;

/**
 * @param gateway         {@code https://openapi.alipay.com/gateway.do} in production
 * @param appId           the merchant application's id
 * @param privateKeyPkcs8 the application's RSA private key (PKCS#8, Base64) for RSA2 signatures
 * @param storeId         {@code store_id}
 * @param terminalId      {@code terminal_id}
 * @param platformPublicKey Alipay's public key (X.509, Base64): when set, every answer's {@code sign} over
 *                        the raw response node must verify, else the answer is not believed
 */
public record AlipayConfig(URI gateway, String appId, String privateKeyPkcs8, String storeId, String terminalId,
        String platformPublicKey) {

    public AlipayConfig(URI gateway, String appId, String privateKeyPkcs8, String storeId, String terminalId) {
        this(gateway, appId, privateKeyPkcs8, storeId, terminalId, null);
    }

    public AlipayConfig {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(privateKeyPkcs8, "privateKeyPkcs8");
        storeId = storeId == null ? "" : storeId;
        terminalId = terminalId == null ? "" : terminalId;
    }

    @Override
    public String toString() {
        return "AlipayConfig[" + gateway + ", app=" + appId + ", key=***]";
    }
}
