package org.medpay.gateway.national;

import java.net.URI;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a region's national-protocol endpoint needs to know about the till. All of it comes from Config
 * Admin in a region bundle.
 *
 * @param endpoint        the platform's service URL (https; http only to a loopback test server)
 * @param institutionCode {@code fixmedins_code}, 12 characters: also the first part of every msgid
 * @param institutionName {@code fixmedins_name}
 * @param areaCode        {@code mdtrtarea_admvs}: where the purchase happens (the store's region)
 * @param recerSysCode    {@code recer_sys_code}: the receiving system's code the region gave the vendor
 * @param deviceNo        {@code dev_no}
 * @param signType        {@code signtype} as the region names its algorithm
 * @param signingKey      the secret for the request signature (see {@code Signatures#nationalSign})
 * @param zone            the platform's clock zone: msgid, {@code inf_time} and the sign-in day use it
 */
public record NationalConfig(URI endpoint, String institutionCode, String institutionName, String areaCode,
        String recerSysCode, String deviceNo, String signType, String signingKey, ZoneId zone) {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public NationalConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(signingKey, "signingKey");
        if (institutionCode == null || institutionCode.length() != 12) {
            throw new IllegalArgumentException("fixmedins_code must have 12 characters: " + institutionCode);
        }
        for (char c : institutionCode.toCharArray()) {
            if (!Character.isLetterOrDigit(c) || c > 127) {
                throw new IllegalArgumentException("fixmedins_code must be ASCII letters/digits: " + institutionCode);
            }
        }
        if (signingKey.isEmpty()) {
            throw new IllegalArgumentException("signing key is empty");
        }
        institutionName = institutionName == null ? "" : institutionName;
        areaCode = areaCode == null ? "" : areaCode;
        recerSysCode = recerSysCode == null ? "" : recerSysCode;
        deviceNo = deviceNo == null ? "" : deviceNo;
        signType = signType == null || signType.isBlank() ? "HMAC-SHA256" : signType;
        zone = zone == null ? CHINA : zone;
    }

    @Override
    public String toString() {
        return "NationalConfig[" + endpoint + ", " + institutionCode + ", key=***]";
    }
}
