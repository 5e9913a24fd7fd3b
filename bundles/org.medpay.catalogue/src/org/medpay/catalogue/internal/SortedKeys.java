package org.medpay.catalogue.internal;

import java.util.Arrays;

/** Keys sorted once, each pointing at a drug; prefix lookups are a binary search and a short walk. */
final class SortedKeys {

    interface Sink {
        void accept(int drug, boolean exact);
    }

    private final String[] keys;
    private final int[] drugs;

    private SortedKeys(String[] keys, int[] drugs) {
        this.keys = keys;
        this.drugs = drugs;
    }

    /**
     * The drug of an exact key, or -1. With equal keys the last added wins, as a map's put would (the
     * sort is stable): a lookup without a boxed Integer and a map entry per key.
     */
    int exact(String q) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid].compareTo(q) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo > 0 && keys[lo - 1].equals(q) ? drugs[lo - 1] : -1;
    }

    /** Every exact match, then prefix matches until {@code limit} drugs were reported. */
    void prefix(String q, int limit, Sink sink) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid].compareTo(q) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int reported = 0;
        for (int i = lo; i < keys.length && keys[i].startsWith(q); i++) {
            boolean exact = keys[i].length() == q.length();
            if (!exact && reported >= limit) {
                break;
            }
            sink.accept(drugs[i], exact);
            reported++;
        }
    }

    static final class Builder {
        private String[] keys;
        private int[] drugs;
        private int size;

        Builder(int capacity) {
            keys = new String[Math.max(capacity, 4)];
            drugs = new int[keys.length];
        }

        void add(String key, int drug) {
            if (key == null || key.isEmpty()) {
                return;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                drugs = Arrays.copyOf(drugs, size * 2);
            }
            keys[size] = key;
            drugs[size] = drug;
            size++;
        }

        SortedKeys build() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            String[] k = keys;
            Arrays.sort(order, (a, b) -> k[a].compareTo(k[b]));
            String[] sortedKeys = new String[size];
            int[] sortedDrugs = new int[size];
            for (int i = 0; i < size; i++) {
                sortedKeys[i] = keys[order[i]];
                sortedDrugs[i] = drugs[order[i]];
            }
            return new SortedKeys(sortedKeys, sortedDrugs);
        }
    }
}
