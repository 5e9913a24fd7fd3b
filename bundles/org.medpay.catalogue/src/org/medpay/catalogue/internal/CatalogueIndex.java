package org.medpay.catalogue.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.medpay.catalogue.DrugHit;
import org.medpay.catalogue.InsuranceMapping;
import org.medpay.catalogue.MatchField;
import org.medpay.catalogue.MatchRank;

/**
 * An immutable in-memory snapshot of the catalogue, built off the UI thread after each load or import and
 * swapped in whole. Prefix searches are binary searches over sorted key arrays; name substrings use a
 * character-bigram posting list so a query touches only drugs that can contain it. Derby stays the
 * store of record; this only answers questions fast (p99 well under 2 ms at 200,000 drugs).
 */
public final class CatalogueIndex {

    public static final CatalogueIndex EMPTY = new CatalogueIndex(List.of());

    private final DrugRecord[] drugs;
    private final SortedKeys codes;
    private final SortedKeys barcodes;
    private final SortedKeys nationalCodes;
    private final SortedKeys pinyin;
    private final SortedKeys names;
    private final Map<Integer, int[]> bigrams;
    private final Map<Character, int[]> unigrams;
    /** Lower-cased generic + "\n" + trade name, for the final contains check. */
    private final String[] haystacks;

    public CatalogueIndex(List<DrugRecord> records) {
        drugs = records.toArray(DrugRecord[]::new);
        Arrays.sort(drugs, Comparator.comparing(DrugRecord::code));
        int n = drugs.length;
        SortedKeys.Builder codeKeys = new SortedKeys.Builder(n);
        SortedKeys.Builder barcodeKeys = new SortedKeys.Builder(n + n / 8);
        // Lower-cased and joined names repeat as much as the names do: one copy each.
        Shared shared = new Shared();
        SortedKeys.Builder nationalKeys = new SortedKeys.Builder(n);
        SortedKeys.Builder pinyinKeys = new SortedKeys.Builder(n * 2);
        SortedKeys.Builder nameKeys = new SortedKeys.Builder(n * 2);
        haystacks = new String[n];
        Map<Integer, IntList> bi = new HashMap<>();
        Map<Character, IntList> uni = new HashMap<>();
        for (int i = 0; i < n; i++) {
            DrugRecord d = drugs[i];
            String code = normalizeCode(d.code());
            codeKeys.add(code, i);
            for (String b : d.barcodes()) {
                barcodeKeys.add(b, i);
            }
            for (InsuranceMapping m : d.mappings()) {
                nationalKeys.add(normalizeCode(m.nationalCode()), i);
            }
            pinyinKeys.add(d.pinyin(), i);
            String generic = shared.of(d.genericName().toLowerCase(Locale.ROOT));
            nameKeys.add(generic, i);
            String trade = shared.of(d.tradeName().toLowerCase(Locale.ROOT));
            if (!trade.isEmpty()) {
                nameKeys.add(trade, i);
                String tradePinyin = shared.of(Pinyin.initials(trade));
                if (!tradePinyin.equals(d.pinyin())) {
                    pinyinKeys.add(tradePinyin, i);
                }
            }
            String hay = trade.isEmpty() ? generic : shared.of(generic + '\n' + trade);
            haystacks[i] = hay;
            for (int k = 0; k < hay.length(); k++) {
                char c = hay.charAt(k);
                uni.computeIfAbsent(c, x -> new IntList()).addDistinct(i);
                if (k + 1 < hay.length()) {
                    bi.computeIfAbsent(bigram(c, hay.charAt(k + 1)), x -> new IntList()).addDistinct(i);
                }
            }
        }
        codes = codeKeys.build();
        barcodes = barcodeKeys.build();
        nationalCodes = nationalKeys.build();
        pinyin = pinyinKeys.build();
        names = nameKeys.build();
        bigrams = new HashMap<>(bi.size() * 2);
        bi.forEach((k, v) -> bigrams.put(k, v.toArray()));
        unigrams = new HashMap<>(uni.size() * 2);
        uni.forEach((k, v) -> unigrams.put(k, v.toArray()));
    }

    private static int bigram(char a, char b) {
        return (a << 16) | b;
    }

    static String normalizeCode(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    public int size() {
        return drugs.length;
    }

    public List<DrugRecord> records() {
        return List.of(drugs);
    }

    public DrugRecord byCode(String code) {
        int i = codes.exact(normalizeCode(code));
        return i < 0 ? null : drugs[i];
    }

    public DrugRecord byBarcode(String barcode) {
        int i = barcodes.exact(barcode.strip());
        return i < 0 ? null : drugs[i];
    }

    /** Ranked search; see {@link org.medpay.catalogue.DrugCatalogue#search}. */
    public List<DrugHit> search(String rawQuery, int limit, LocalDate saleDate) {
        if (rawQuery == null || limit <= 0 || drugs.length == 0) {
            return List.of();
        }
        String q = rawQuery.strip();
        if (q.isEmpty()) {
            return List.of();
        }
        Collector c = new Collector(limit);
        int barcodeHit = barcodes.exact(q);
        if (barcodeHit >= 0) {
            c.offer(barcodeHit, MatchField.BARCODE, MatchRank.EXACT);
        }
        String code = normalizeCode(q);
        codes.prefix(code, limit, (i, exact) -> c.offer(i, MatchField.PHARMACY_CODE, exact ? MatchRank.EXACT : MatchRank.PREFIX));
        nationalCodes.prefix(code, limit,
                (i, exact) -> c.offer(i, MatchField.NATIONAL_CODE, exact ? MatchRank.EXACT : MatchRank.PREFIX));
        String lower = q.toLowerCase(Locale.ROOT);
        if (isAsciiLetters(lower)) {
            pinyin.prefix(lower, limit, (i, exact) -> c.offer(i, MatchField.PINYIN, exact ? MatchRank.EXACT : MatchRank.PREFIX));
        }
        names.prefix(lower, limit, (i, exact) -> c.offer(i, MatchField.NAME, exact ? MatchRank.EXACT : MatchRank.PREFIX));
        contains(lower, limit, c);
        return c.result(drugs, saleDate);
    }

    private void contains(String q, int limit, Collector c) {
        int[] candidates;
        if (q.length() == 1) {
            candidates = unigrams.get(q.charAt(0));
        } else {
            candidates = null;
            for (int k = 0; k + 1 < q.length(); k++) {
                int[] p = bigrams.get(bigram(q.charAt(k), q.charAt(k + 1)));
                if (p == null) {
                    return;
                }
                if (candidates == null || p.length < candidates.length) {
                    candidates = p;
                }
            }
        }
        if (candidates == null) {
            return;
        }
        int found = 0;
        for (int i : candidates) {
            if (found >= limit) {
                break;
            }
            if (haystacks[i].contains(q)) {
                c.offer(i, MatchField.NAME, MatchRank.CONTAINS);
                found++;
            }
        }
    }

    private static boolean isAsciiLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 'a' || ch > 'z') {
                return false;
            }
        }
        return true;
    }

    /** Keeps each drug's best match; a drug matched twice counts once. */
    private static final class Collector {
        private final int limit;
        private final Map<Integer, long[]> best = new HashMap<>();

        Collector(int limit) {
            this.limit = limit;
        }

        void offer(int drug, MatchField field, MatchRank rank) {
            long score = (long) rank.ordinal() * 16 + field.ordinal();
            long[] old = best.get(drug);
            if (old == null) {
                best.put(drug, new long[] { score });
            } else if (score < old[0]) {
                old[0] = score;
            }
        }

        List<DrugHit> result(DrugRecord[] drugs, LocalDate date) {
            List<Map.Entry<Integer, long[]>> entries = new ArrayList<>(best.entrySet());
            entries.sort((a, b) -> {
                int s = Long.compare(a.getValue()[0], b.getValue()[0]);
                return s != 0 ? s : Integer.compare(a.getKey(), b.getKey());
            });
            List<DrugHit> hits = new ArrayList<>(Math.min(limit, entries.size()));
            for (Map.Entry<Integer, long[]> e : entries) {
                if (hits.size() >= limit) {
                    break;
                }
                DrugRecord d = drugs[e.getKey()];
                long score = e.getValue()[0];
                hits.add(new DrugHit(d.refOn(date), d.tradeName(), d.manufacturer(),
                        MatchField.values()[(int) (score % 16)], MatchRank.values()[(int) (score / 16)]));
            }
            return hits;
        }
    }

    /** A growable int array; {@code addDistinct} skips a repeat of the last value (postings are in drug order). */
    static final class IntList {
        private int[] data = new int[4];
        private int size;

        void addDistinct(int v) {
            if (size > 0 && data[size - 1] == v) {
                return;
            }
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
