package org.medpay.ui.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The cashier-facing texts. Chinese is the base bundle so that any locale without its own texts gets
 * Chinese, never a mix; the locale is Equinox's {@code osgi.nl} ({@code -nl en} on the command line).
 */
public final class Messages {

    private static final String BASE = "org.medpay.ui.internal.messages";
    private static volatile ResourceBundle bundle;

    private Messages() {
    }

    public static Locale locale() {
        String nl = System.getProperty("osgi.nl");
        if (nl == null || nl.isBlank()) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return Locale.forLanguageTag(nl.replace('_', '-'));
    }

    private static ResourceBundle bundle() {
        ResourceBundle b = bundle;
        if (b == null) {
            // No fallback to the JVM's default locale: an English OS must not turn a zh till English.
            b = ResourceBundle.getBundle(BASE, locale(), Messages.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            bundle = b;
        }
        return b;
    }

    /** Forgets the loaded texts; tests switch locale with it. */
    public static void reset() {
        bundle = null;
    }

    public static String get(String key) {
        try {
            return bundle().getString(key);
        } catch (MissingResourceException e) {
            return '!' + key + '!';
        }
    }

    public static String format(String key, Object... args) {
        return new MessageFormat(get(key), locale()).format(args);
    }
}
