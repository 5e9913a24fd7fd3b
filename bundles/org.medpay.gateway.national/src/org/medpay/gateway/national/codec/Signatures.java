package org.medpay.gateway.national.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signing rules of the platforms, in one place so the clients and the simulator cannot drift apart. */
public final class Signatures {

    private Signatures() {
    }

    /**
     * Alipay's and WeChat's string to sign: parameters sorted by name, {@code k=v} joined with {@code &},
     * leaving out {@code sign} and empty values. Values are taken raw (not URL-encoded).
     */
    public static String canonical(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if ("sign".equals(e.getKey()) || e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    public static byte[] hmacSha256(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static String hmacSha256Hex(String key, String data) {
        return HexFormat.of().formatHex(hmacSha256(key, data));
    }

    /** WeChat Pay v2 HMAC-SHA256: canonical string + {@code &key=KEY}, uppercase hex. */
    public static String wechatSign(Map<String, String> params, String apiKey) {
        return hmacSha256Hex(apiKey, canonical(params) + "&key=" + apiKey).toUpperCase();
    }

    /** Alipay RSA2: SHA256withRSA over the canonical string, Base64. */
    public static String rsa2Sign(Map<String, String> params, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(canonical(params).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key", e);
        }
    }

    public static boolean rsa2Verify(Map<String, String> params, String sign, PublicKey key) {
        return rsa2VerifyText(canonical(params), sign, key);
    }

    /** SHA256withRSA over a raw text (Alipay's answers: the raw JSON of the response node). */
    public static String rsa2SignText(String text, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key", e);
        }
    }

    public static boolean rsa2VerifyText(String text, String sign, PublicKey key) {
        if (sign == null || sign.isEmpty() || text == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(sign));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A PKCS#8 private key as Alipay's tools export it: Base64, PEM armour optional. */
    public static PrivateKey rsaPrivateKey(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(decodePem(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key", e);
        }
    }

    public static PublicKey rsaPublicKey(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(decodePem(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an X.509 RSA public key", e);
        }
    }

    private static byte[] decodePem(String text) {
        String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(b64);
    }

    /** Compares secrets without leaking through timing how much of them matched. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The national request signature this project uses: HMAC-SHA256 (lowercase hex) over
     * {@code timestamp + nonce + body}, sent in {@code x-tif-signature}. The real algorithm is per
     * region (some use SM3/SM4 with a gateway token); a region bundle replaces it through configuration.
     */
    public static String nationalSign(String key, String timestamp, String nonce, String body) {
        return hmacSha256Hex(key, timestamp + nonce + body);
    }
}
