package org.medpay.register.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Cashier texts of the register (validation, export headers): Chinese base, English with {@code -nl en}. */
public final class RegisterMessages {

    private static final String BASE = "org.medpay.register.internal.messages";

    private RegisterMessages() {
    }

    public static Locale locale() {
        String nl = System.getProperty("osgi.nl");
        return nl == null || nl.isBlank() ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(nl.replace('_', '-'));
    }

    public static String get(String key) {
        try {
            // Looked up each time: the locale may change in tests, and the bundle cache makes it cheap.
            return ResourceBundle.getBundle(BASE, locale(), RegisterMessages.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
        } catch (MissingResourceException e) {
            return '!' + key + '!';
        }
    }

    public static String format(String key, Object... args) {
        return new MessageFormat(get(key), locale()).format(args);
    }
}
