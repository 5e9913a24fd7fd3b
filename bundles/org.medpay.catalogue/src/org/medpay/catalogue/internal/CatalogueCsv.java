package org.medpay.catalogue.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.medpay.catalogue.ImportProgress;
import org.medpay.catalogue.InsuranceMapping;
import org.medpay.catalogue.RowProblem;
import org.medpay.catalogue.RowProblem.Kind;
import org.medpay.core.money.Money;
import org.medpay.core.sale.InsuranceClass;

/**
 * Reads and checks the two import files (columns in docs/catalogue-import.md). Pure: no database, so
 * every rule is unit-tested. Every bad row is collected, not just the first, so the chain's IT can fix
 * the export in one go.
 */
public final class CatalogueCsv {

    /** Column name → accepted header spellings (Chinese as chains export, English for scripts). */
    enum Col {
        CODE(true, "药品编码", "code"), BARCODES(false, "条码", "barcodes"), GENERIC(true, "通用名", "generic_name"),
        TRADE(false, "商品名", "trade_name"), PINYIN(false, "拼音码", "pinyin"), SPEC(false, "规格", "spec"),
        UNIT(true, "单位", "unit"), PRICE(true, "零售价", "price"), MANUFACTURER(false, "生产厂家", "manufacturer"),
        APPROVAL(false, "批准文号", "approval_no"), SELF_PAID(false, "全自费", "fully_self_paid"),
        NATIONAL(false, "医保编码", "national_code"), FROM(false, "对码开始日期", "valid_from"),
        TO(false, "对码结束日期", "valid_to"), CLASS(false, "类别", "class"),
        RATIO(false, "自付比例", "selfpay_ratio");

        final boolean requiredInCatalogue;
        final String zh;
        final String en;

        Col(boolean required, String zh, String en) {
            this.requiredInCatalogue = required;
            this.zh = zh;
            this.en = en;
        }
    }

    static final int MAX_CODE = 32;
    static final int MAX_TEXT = 100;
    static final long MAX_PRICE_FEN = 100_000_000L;

    private static final List<Col> MAPPING_REQUIRED = List.of(Col.CODE, Col.NATIONAL, Col.FROM, Col.CLASS);
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/M/d");
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("yyyy-M-d");

    private CatalogueCsv() {
    }

    /** A mapping-update row: the drug and its new mapping, or {@code null} mapping = 撤销对码 (revoke all). */
    public record MappingRow(String code, InsuranceMapping mapping) {
    }

    public static List<DrugRecord> readCatalogue(CsvFile file, ImportProgress progress, List<RowProblem> problems) {
        int expected = Math.max(0, file.lines() - 1);
        List<DrugRecord> out = new ArrayList<>(expected);
        Set<String> codes = new HashSet<>(expected * 2);
        Map<String, Integer> barcodeLines = new HashMap<>(expected * 2);
        Shared shared = new Shared();
        Map<Col, Integer> cols = eachRow(file, true, progress, problems, (row, c) -> {
            int before = problems.size();
            Fields f = new Fields(row, c, problems, shared);
            String code = f.required(Col.CODE, MAX_CODE);
            String generic = shared.of(f.required(Col.GENERIC, MAX_TEXT));
            String unit = shared.of(f.required(Col.UNIT, 16));
            String trade = shared.of(f.optional(Col.TRADE, MAX_TEXT));
            String pinyin = f.optional(Col.PINYIN, MAX_TEXT).toLowerCase(Locale.ROOT);
            String spec = shared.of(f.optional(Col.SPEC, MAX_TEXT));
            String manufacturer = shared.of(f.optional(Col.MANUFACTURER, MAX_TEXT));
            String approval = f.optional(Col.APPROVAL, 64);
            long price = f.price();
            boolean selfPaid = f.flag(Col.SELF_PAID);
            List<String> barcodes = new ArrayList<>();
            for (String b : f.optional(Col.BARCODES, 200).split("[;|/\\s]+")) {
                if (b.isEmpty()) {
                    continue;
                }
                if (b.length() > MAX_CODE) {
                    f.problem(Kind.TOO_LONG, Col.BARCODES.zh + ": " + b);
                    continue;
                }
                Integer first = barcodeLines.putIfAbsent(b, row.line());
                if (first != null) {
                    f.problem(Kind.DUPLICATE_BARCODE, b + " (line " + first + ")");
                } else {
                    barcodes.add(b);
                }
            }
            List<InsuranceMapping> mappings = new ArrayList<>(1);
            if (!row.get(c.getOrDefault(Col.NATIONAL, -1)).isEmpty()) {
                InsuranceMapping m = f.mapping();
                if (m != null) {
                    mappings.add(m);
                }
            }
            if (code != null && !codes.add(CatalogueIndex.normalizeCode(code))) {
                f.problem(Kind.DUPLICATE_CODE, code);
            }
            if (problems.size() == before) {
                out.add(new DrugRecord(code, barcodes, generic, trade,
                        shared.of(pinyin.isEmpty() ? Pinyin.initials(generic) : pinyin), spec, unit, price, manufacturer,
                        approval, selfPaid, mappings));
            }
        });
        return cols == null ? List.of() : out;
    }

    /**
     * @param known the drugs now in the catalogue: a mapping for a drug the till does not sell is refused
     */
    public static List<MappingRow> readMappings(CsvFile file, java.util.function.Predicate<String> known,
            ImportProgress progress, List<RowProblem> problems) {
        List<MappingRow> out = new ArrayList<>(Math.max(0, file.lines() - 1));
        Map<String, Integer> seen = new HashMap<>();
        Shared shared = new Shared();
        Map<Col, Integer> cols = eachRow(file, false, progress, problems, (row, c) -> {
            int before = problems.size();
            Fields f = new Fields(row, c, problems, shared);
            String code = f.required(Col.CODE, MAX_CODE);
            if (code != null && !known.test(code)) {
                f.problem(Kind.UNKNOWN_DRUG, code);
            }
            InsuranceMapping m = null;
            if (!row.get(c.get(Col.NATIONAL)).isEmpty()) {
                m = f.mapping();
                if (m != null && code != null) {
                    String key = CatalogueIndex.normalizeCode(code) + '|' + m.nationalCode() + '|' + m.validFrom();
                    Integer first = seen.putIfAbsent(key, row.line());
                    if (first != null) {
                        f.problem(Kind.DUPLICATE_CODE, key + " (line " + first + ")");
                    }
                }
            }
            if (problems.size() == before) {
                out.add(new MappingRow(code, m));
            }
        });
        return cols == null ? List.of() : out;
    }

    /**
     * Reads the header, then hands every non-blank row to {@code body}, one at a time (the file is never
     * held as rows). Returns the header's columns, or {@code null} when the header is unusable (no row is
     * read then, and the problem says why).
     */
    private static Map<Col, Integer> eachRow(CsvFile file, boolean catalogue, ImportProgress progress,
            List<RowProblem> problems, java.util.function.BiConsumer<CsvFile.Row, Map<Col, Integer>> body) {
        int expected = Math.max(0, file.lines() - 1);
        Object[] cols = { null };
        boolean[] header = { false };
        int[] r = { 0 };
        file.forEachRow(row -> {
            if (!header[0]) {
                header[0] = true;
                cols[0] = header(row, problems, catalogue);
                return;
            }
            if (cols[0] == null) {
                return;
            }
            r[0]++;
            if (r[0] % 5000 == 0) {
                progress.progress(ImportProgress.Phase.CHECKING, r[0], Math.max(expected, r[0]));
            }
            if (row.isBlank()) {
                return;
            }
            @SuppressWarnings("unchecked")
            Map<Col, Integer> c = (Map<Col, Integer>) cols[0];
            body.accept(row, c);
        });
        if (!header[0]) {
            problems.add(new RowProblem(1, Kind.BAD_FILE, "empty file"));
            return null;
        }
        if (cols[0] != null) {
            progress.progress(ImportProgress.Phase.CHECKING, r[0], r[0]);
        }
        @SuppressWarnings("unchecked")
        Map<Col, Integer> result = (Map<Col, Integer>) cols[0];
        return result;
    }

    private static Map<Col, Integer> header(CsvFile.Row head, List<RowProblem> problems, boolean catalogue) {
        Map<Col, Integer> cols = new LinkedHashMap<>();
        for (int i = 0; i < head.fields().size(); i++) {
            String name = head.get(i).replace("\uFEFF", "");
            for (Col c : Col.values()) {
                if (c.zh.equals(name) || c.en.equalsIgnoreCase(name)) {
                    cols.putIfAbsent(c, i);
                }
            }
        }
        List<Col> required = catalogue ? java.util.Arrays.stream(Col.values()).filter(c -> c.requiredInCatalogue).toList()
                : MAPPING_REQUIRED;
        List<String> missing = required.stream().filter(c -> !cols.containsKey(c)).map(c -> c.zh).toList();
        if (!missing.isEmpty()) {
            problems.add(new RowProblem(head.line(), Kind.BAD_FILE, "missing columns " + missing));
            return null;
        }
        return cols;
    }

    /** One row's fields with the row's problems recorded as they are found. */
    private static final class Fields {
        private final CsvFile.Row row;
        private final Map<Col, Integer> cols;
        private final List<RowProblem> problems;
        private final Shared shared;

        Fields(CsvFile.Row row, Map<Col, Integer> cols, List<RowProblem> problems, Shared shared) {
            this.row = row;
            this.cols = cols;
            this.problems = problems;
            this.shared = shared;
        }

        void problem(Kind kind, String detail) {
            problems.add(new RowProblem(row.line(), kind, detail));
        }

        String raw(Col c) {
            Integer i = cols.get(c);
            return i == null ? "" : row.get(i);
        }

        String required(Col c, int max) {
            String v = raw(c);
            if (v.isEmpty()) {
                problem(Kind.MISSING_FIELD, c.zh);
                return null;
            }
            if (v.length() > max) {
                problem(Kind.TOO_LONG, c.zh);
                return null;
            }
            return v;
        }

        String optional(Col c, int max) {
            String v = raw(c);
            if (v.length() > max) {
                problem(Kind.TOO_LONG, c.zh);
                return "";
            }
            return v;
        }

        long price() {
            String v = raw(Col.PRICE);
            if (v.isEmpty()) {
                problem(Kind.MISSING_FIELD, Col.PRICE.zh);
                return 0;
            }
            try {
                long fen = Money.parseYuan(v).fen();
                if (fen < 0 || fen > MAX_PRICE_FEN) {
                    problem(Kind.BAD_PRICE, v);
                    return 0;
                }
                return fen;
            } catch (IllegalArgumentException | ArithmeticException e) {
                problem(Kind.BAD_PRICE, v);
                return 0;
            }
        }

        boolean flag(Col c) {
            String v = raw(c).toLowerCase(Locale.ROOT);
            switch (v) {
            case "", "否", "n", "no", "0", "false":
                return false;
            case "是", "y", "yes", "1", "true":
                return true;
            default:
                problem(Kind.BAD_FLAG, c.zh + ": " + v);
                return false;
            }
        }

        LocalDate date(Col c, boolean required) {
            String v = raw(c);
            if (v.isEmpty()) {
                if (required) {
                    problem(Kind.MISSING_FIELD, c.zh);
                }
                return null;
            }
            for (DateTimeFormatter f : List.of(DASHED, SLASHED, DateTimeFormatter.BASIC_ISO_DATE)) {
                try {
                    return shared.of(LocalDate.parse(v, f));
                } catch (DateTimeParseException e) {
                    // next format
                }
            }
            problem(Kind.BAD_DATE, c.zh + ": " + v);
            return null;
        }

        InsuranceMapping mapping() {
            int before = problems.size();
            String national = required(Col.NATIONAL, 50);
            LocalDate from = date(Col.FROM, true);
            LocalDate to = date(Col.TO, false);
            if (from != null && to != null && to.isBefore(from)) {
                problem(Kind.BAD_DATE, Col.TO.zh + " before " + Col.FROM.zh + ": " + to);
            }
            InsuranceClass cls = insuranceClass();
            long ratio = ratio();
            if (problems.size() != before) {
                return null;
            }
            return new InsuranceMapping(CatalogueIndex.normalizeCode(national), from, to, cls, ratio);
        }

        InsuranceClass insuranceClass() {
            String v = raw(Col.CLASS);
            switch (v) {
            case "":
                problem(Kind.MISSING_FIELD, Col.CLASS.zh);
                return null;
            case "甲", "甲类":
                return InsuranceClass.A;
            case "乙", "乙类":
                return InsuranceClass.B;
            case "丙", "丙类":
                return InsuranceClass.C;
            default:
                try {
                    return InsuranceClass.fromNationalCode(v);
                } catch (IllegalArgumentException e) {
                    problem(Kind.BAD_CLASS, v);
                    return null;
                }
            }
        }

        /** "10%", "0.1" and "0.10" are all 100‰; anything not a whole per-mille is refused, never rounded. */
        long ratio() {
            String v = raw(Col.RATIO);
            if (v.isEmpty()) {
                return 0;
            }
            try {
                BigDecimal d;
                if (v.endsWith("%")) {
                    d = new BigDecimal(v.substring(0, v.length() - 1).strip()).movePointLeft(2);
                } else {
                    d = new BigDecimal(v);
                }
                BigDecimal permille = d.movePointRight(3);
                if (d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0 || permille.stripTrailingZeros().scale() > 0) {
                    problem(Kind.BAD_RATIO, v);
                    return 0;
                }
                return permille.longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                problem(Kind.BAD_RATIO, v);
                return 0;
            }
        }
    }

    /** The header this class reads, in the order {@link #write} uses. */
    public static final List<String> CATALOGUE_HEADER = java.util.Arrays.stream(Col.values()).map(c -> c.zh).toList();

    /** Writes records in the import format (demo data, tests, benchmarks); one row per drug, first mapping only. */
    public static void write(List<DrugRecord> records, Appendable out) throws IOException {
        out.append(String.join(",", CATALOGUE_HEADER)).append("\r\n");
        for (DrugRecord d : records) {
            InsuranceMapping m = d.mappings().isEmpty() ? null : d.mappings().get(0);
            String[] f = { d.code(), String.join(";", d.barcodes()), d.genericName(), d.tradeName(), d.pinyin(),
                    d.specification(), d.unit(), Money.ofFen(d.priceFen()).toYuanString(), d.manufacturer(),
                    d.approvalNo(), d.fullySelfPaid() ? "是" : "否", m == null ? "" : m.nationalCode(),
                    m == null ? "" : m.validFrom().toString(), m == null || m.validTo() == null ? "" : m.validTo().toString(),
                    m == null ? "" : m.insuranceClass().name(),
                    m == null ? "" : BigDecimal.valueOf(m.selfPayPermille(), 3).stripTrailingZeros().toPlainString() };
            for (int i = 0; i < f.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(quote(f[i]));
            }
            out.append("\r\n");
        }
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
