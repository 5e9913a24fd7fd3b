package org.medpay.register.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical text of a record and its hash. Keys sorted, one {@code key=value} per line, backslash,
 * CR and LF escaped: the same content always gives the same bytes, whatever the database returns.
 */
final class Canonical {

    static final String GENESIS = "0".repeat(64);

    private Canonical() {
    }

    static String encode(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(fields).entrySet()) {
            sb.append(e.getKey()).append('=').append(escape(e.getValue())).append('\n');
        }
        return sb.toString();
    }

    static SortedMap<String, String> decode(String content) {
        SortedMap<String, String> map = new TreeMap<>();
        for (String line : content.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
            }
        }
        return map;
    }

    /** SHA-256 over version, sequence, kind, sale, time, the previous hash and the content; lower-case hex. */
    static String hash(long seq, String kind, String saleId, Instant recordedAt, String prevHash, String content) {
        String input = "medpay-register-v1\n" + seq + '\n' + kind + '\n' + saleId + '\n' + recordedAt.toEpochMilli()
                + '\n' + prevHash + '\n' + content;
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hashOf(ChainRecord r) {
        return hash(r.seq(), r.kind(), r.saleId(), r.recordedAt(), r.prevHash(), r.content());
    }

    private static String escape(String v) {
        return v == null ? "" : v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
