package org.medpay.payment.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Attempt numbers, used as {@code out_trade_no}: unique across restarts without asking the database
 * (time + random), at most 32 characters and alphanumeric for WeChat.
 */
final class Ids {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.ofHours(8));
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Ids() {
    }

    static String next(Clock clock) {
        StringBuilder b = new StringBuilder("MP").append(TIME.format(clock.instant()));
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        for (byte x : bytes) {
            b.append(HEX[(x >> 4) & 15]).append(HEX[x & 15]);
        }
        return b.toString();
    }
}
