package org.medpay.scanner;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Scanner settings, stored in Config Admin under {@link #PID}. Unknown or broken values fall back to the
 * defaults: a typo in a configuration file must not take the till's scanner away.
 *
 * @param idleGapMs with terminator NONE a burst ends after this silence; with a terminator, a fast burst
 *        still waiting for it after this silence is reported as truncated (N-4)
 * @param minChars a keyboard burst shorter than this is typing, not a scan
 * @param maxGapMs keys further apart than this are typing (scanners send keys &lt; 10–20 ms apart, people
 *        &gt; 30 ms; POS systems use 50–100 ms)
 */
public record ScannerConfig(Mode mode, boolean enabled, String port, int baudRate, int dataBits, Parity parity,
        StopBits stopBits, Terminator terminator, int idleGapMs, String prefix, String suffix, int minChars,
        int maxGapMs) {

    public static final String PID = "org.medpay.scanner";

    public enum Mode { KEYBOARD_WEDGE, SERIAL }

    public enum Parity { NONE, ODD, EVEN, MARK, SPACE }

    public enum StopBits { ONE, ONE_POINT_FIVE, TWO }

    public enum Terminator {
        CR("\r"), LF("\n"), CRLF("\r\n"), TAB("\t"), NONE("");

        private final String chars;

        Terminator(String chars) {
            this.chars = chars;
        }

        public String chars() {
            return chars;
        }
    }

    public static final ScannerConfig DEFAULTS = new ScannerConfig(Mode.KEYBOARD_WEDGE, true, "", 9600, 8,
            Parity.NONE, StopBits.ONE, Terminator.CR, 150, "", "", 4, 50);

    public ScannerConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        Objects.requireNonNull(terminator, "terminator");
        port = port == null ? "" : port.trim();
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
        if (baudRate < 300 || baudRate > 4_000_000) {
            throw new IllegalArgumentException("baudRate " + baudRate);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("dataBits " + dataBits);
        }
        if (idleGapMs < 10 || idleGapMs > 10_000) {
            throw new IllegalArgumentException("idleGapMs " + idleGapMs);
        }
        if (minChars < 1 || minChars > 64) {
            throw new IllegalArgumentException("minChars " + minChars);
        }
        if (maxGapMs < 1 || maxGapMs > 1000) {
            throw new IllegalArgumentException("maxGapMs " + maxGapMs);
        }
    }

    /** Serial reading runs only in serial mode, when enabled and a port is set. */
    public boolean serialActive() {
        return mode == Mode.SERIAL && enabled && !port.isEmpty();
    }

    /** Removes the configured prefix and suffix when present. */
    public String strip(String text) {
        String t = text;
        if (!prefix.isEmpty() && t.startsWith(prefix)) {
            t = t.substring(prefix.length());
        }
        if (!suffix.isEmpty() && t.endsWith(suffix)) {
            t = t.substring(0, t.length() - suffix.length());
        }
        return t;
    }

    public ScannerConfig withMode(Mode m) {
        return new ScannerConfig(m, enabled, port, baudRate, dataBits, parity, stopBits, terminator, idleGapMs, prefix,
                suffix, minChars, maxGapMs);
    }

    public ScannerConfig withPort(String p) {
        return new ScannerConfig(mode, enabled, p, baudRate, dataBits, parity, stopBits, terminator, idleGapMs, prefix,
                suffix, minChars, maxGapMs);
    }

    public ScannerConfig withTerminator(Terminator t) {
        return new ScannerConfig(mode, enabled, port, baudRate, dataBits, parity, stopBits, t, idleGapMs, prefix,
                suffix, minChars, maxGapMs);
    }

    public ScannerConfig withAffixes(String pre, String suf) {
        return new ScannerConfig(mode, enabled, port, baudRate, dataBits, parity, stopBits, terminator, idleGapMs, pre,
                suf, minChars, maxGapMs);
    }

    public Dictionary<String, Object> toProperties() {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("mode", mode.name());
        p.put("enabled", enabled);
        p.put("port", port);
        p.put("baudRate", baudRate);
        p.put("dataBits", dataBits);
        p.put("parity", parity.name());
        p.put("stopBits", stopBits.name());
        p.put("terminator", terminator.name());
        p.put("idleGapMs", idleGapMs);
        p.put("prefix", prefix);
        p.put("suffix", suffix);
        p.put("minChars", minChars);
        p.put("maxGapMs", maxGapMs);
        return p;
    }

    public static ScannerConfig fromProperties(Map<String, ?> p) {
        if (p == null) {
            return DEFAULTS;
        }
        ScannerConfig d = DEFAULTS;
        try {
            return new ScannerConfig(en(p, "mode", Mode.class, d.mode), bool(p, "enabled", d.enabled),
                    str(p, "port", d.port), num(p, "baudRate", d.baudRate), num(p, "dataBits", d.dataBits),
                    en(p, "parity", Parity.class, d.parity), en(p, "stopBits", StopBits.class, d.stopBits),
                    en(p, "terminator", Terminator.class, d.terminator), num(p, "idleGapMs", d.idleGapMs),
                    str(p, "prefix", d.prefix), str(p, "suffix", d.suffix), num(p, "minChars", d.minChars),
                    num(p, "maxGapMs", d.maxGapMs));
        } catch (IllegalArgumentException e) {
            return DEFAULTS;
        }
    }

    private static String str(Map<String, ?> p, String k, String def) {
        Object v = p.get(k);
        return v == null ? def : v.toString();
    }

    private static boolean bool(Map<String, ?> p, String k, boolean def) {
        Object v = p.get(k);
        return v == null ? def : Boolean.parseBoolean(v.toString().trim());
    }

    private static int num(Map<String, ?> p, String k, int def) {
        Object v = p.get(k);
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return v == null ? def : Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            return def;
        }
    }

    private static <E extends Enum<E>> E en(Map<String, ?> p, String k, Class<E> type, E def) {
        Object v = p.get(k);
        if (v == null) {
            return def;
        }
        try {
            return Enum.valueOf(type, v.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return def;
        }
    }
}
