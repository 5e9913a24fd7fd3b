package org.medpay.scanner;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Cashier-facing words of the scanner bundle: Chinese by default, English with {@code -nl en} (Equinox's
 * {@code osgi.nl}), never the JVM's default locale (an English OS must not turn a Chinese till English).
 */
public final class ScannerTexts {

    private static final String BASE = "org.medpay.scanner.messages";
    /** The classifier asks for a text on every garbage scan; the fuzz harness does that millions of times. */
    private static final java.util.Map<Locale, ResourceBundle> BUNDLES = new java.util.concurrent.ConcurrentHashMap<>();

    private ScannerTexts() {
    }

    public static Locale locale() {
        String nl = System.getProperty("osgi.nl");
        if (nl == null || nl.isBlank()) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return Locale.forLanguageTag(nl.replace('_', '-'));
    }

    public static String get(Locale locale, String key) {
        try {
            return BUNDLES.computeIfAbsent(locale, l -> ResourceBundle.getBundle(BASE, l,
                    ScannerTexts.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)))
                    .getString(key);
        } catch (MissingResourceException e) {
            return '!' + key + '!';
        }
    }

    public static String format(Locale locale, String key, Object... args) {
        return new MessageFormat(get(locale, key), locale).format(args);
    }
}
