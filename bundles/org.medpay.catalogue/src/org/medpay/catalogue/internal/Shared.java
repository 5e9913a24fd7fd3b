package org.medpay.catalogue.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance per distinct value while a catalogue is read (CSV or database): 200,000 drugs come from a
 * few hundred makers, units, specs and mapping dates, and each row parsed would otherwise keep its own
 * copy. Lives for one load only, so nothing is kept once the catalogue is built (unlike String.intern).
 */
final class Shared {

    private final Map<Object, Object> values = new HashMap<>();

    @SuppressWarnings("unchecked")
    <T> T of(T value) {
        if (value == null) {
            return null;
        }
        Object known = values.putIfAbsent(value, value);
        return known == null ? value : (T) known;
    }
}
