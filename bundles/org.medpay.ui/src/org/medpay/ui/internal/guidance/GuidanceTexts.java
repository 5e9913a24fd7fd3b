package org.medpay.ui.internal.guidance;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.medpay.ui.internal.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guidance lines of P-2 … P-6. Defaults are the procedure's words (messages*.properties); a chain or
 * region overrides them in {@code guidance.properties} in the data area (UTF-8), with keys {@code P-2},
 * {@code unbound}, {@code P-5}, {@code P-6}, each optionally prefixed by the region code
 * ({@code -Dmedpay.region}) to differ per region: {@code 3301.P-6=…}.
 */
public final class GuidanceTexts {

    public enum Line {
        /** P-2: ask how the customer pays, before entering the sale. */
        ASK_PAYMENT("P-2"),
        /** P-5 (bound): the customer pays by phone. */
        PAY_BY_PHONE("P-5"),
        /** P-5 (not bound) → P-3/P-4: the binding script. */
        UNBOUND("unbound"),
        /** P-6: after a physical card or cash checkout. */
        SUGGEST_BINDING("P-6");

        final String key;

        Line(String key) {
            this.key = key;
        }
    }

    public static final String FILE = "guidance.properties";
    private static final Logger LOG = LoggerFactory.getLogger(GuidanceTexts.class);

    private final Properties overrides;
    private final String region;

    public GuidanceTexts(Properties overrides, String region) {
        this.overrides = overrides;
        this.region = region == null ? "" : region.strip();
    }

    /** Reads {@value #FILE} from the data area if present; a broken file is reported and ignored. */
    public static GuidanceTexts load(Path dataArea, String region) {
        Properties p = new Properties();
        Path file = dataArea == null ? null : dataArea.resolve(FILE);
        if (file != null && Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Guidance texts {} unreadable, using the procedure's: {}", file, e.toString());
                p.clear();
            }
        }
        return new GuidanceTexts(p, region);
    }

    public String text(Line line) {
        String v = region.isEmpty() ? null : overrides.getProperty(region + "." + line.key);
        if (v == null) {
            v = overrides.getProperty(line.key);
        }
        return v == null || v.isBlank() ? Messages.get("guidance." + line.key) : v.strip();
    }
}
