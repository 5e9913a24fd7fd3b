package org.medpay.catalogue.internal;

import net.sourceforge.pinyin4j.PinyinHelper;

/**
 * Pinyin initials (拼音首字母, e.g. 阿莫西林胶囊 → amxljn) from pinyin4j, the way tills let cashiers
 * type a drug. Polyphonic characters take pinyin4j's first (most common) reading. Latin letters and
 * digits are kept (维生素C片 → wsscp), everything else is dropped.
 */
public final class Pinyin {

    private static final char NOT_YET = 0;
    private static final char NONE = 1;
    /** pinyin4j parses a string per call; a drug catalogue has a few thousand distinct characters. */
    private static final char[] CACHE = new char[65536];

    private Pinyin() {
    }

    public static String initials(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                if (Character.isLetterOrDigit(c)) {
                    sb.append(Character.toLowerCase(c));
                }
                continue;
            }
            if (c >= 'Ａ' && c <= 'ｚ' && Character.isLetter(c)) {
                sb.append(Character.toLowerCase((char) (c - 'Ａ' + 'A')));
                continue;
            }
            char initial = initial(c);
            if (initial != NONE) {
                sb.append(initial);
            }
        }
        return sb.toString();
    }

    private static char initial(char c) {
        char cached = CACHE[c];
        if (cached != NOT_YET) {
            return cached;
        }
        String[] readings = PinyinHelper.toHanyuPinyinStringArray(c);
        char result = NONE;
        if (readings != null && readings.length > 0 && !readings[0].isEmpty()) {
            result = Character.toLowerCase(readings[0].charAt(0));
        }
        CACHE[c] = result;
        return result;
    }
}
