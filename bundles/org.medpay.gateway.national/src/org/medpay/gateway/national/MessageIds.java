package org.medpay.gateway.national;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * National {@code msgid}s: institution code (12) + {@code yyyyMMddHHmmss} + a 4-digit sequence, 30
 * characters, unique per call. The sequence restarts at a random point each second and each start, so
 * that two processes of the same till (before and after a crash) are unlikely to meet in one second;
 * more than 10 000 ids in one second is refused rather than repeated.
 */
public final class MessageIds {

    public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9]{12}\\d{14}\\d{4}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String institutionCode;
    private final Clock clock;
    private final ZoneId zone;
    private String second = "";
    private int start;
    private int issued;

    public MessageIds(String institutionCode, Clock clock, ZoneId zone) {
        this.institutionCode = institutionCode;
        this.clock = clock;
        this.zone = zone;
    }

    public synchronized String next() {
        String now = LocalDateTime.now(clock.withZone(zone)).format(STAMP);
        if (!now.equals(second)) {
            second = now;
            start = ThreadLocalRandom.current().nextInt(10_000);
            issued = 0;
        }
        if (issued >= 10_000) {
            throw new IllegalStateException("more than 10000 msgids in one second");
        }
        int seq = (start + issued++) % 10_000;
        return institutionCode + now + String.format("%04d", seq);
    }
}
