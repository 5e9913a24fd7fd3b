package org.medpay.catalogue.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.medpay.catalogue.ImportProgress;
import org.medpay.catalogue.InsuranceMapping;
import org.medpay.core.sale.InsuranceClass;

/**
 * JDBC on a connection the caller's JPA transaction owns (commit and rollback stay with JPA): batched
 * inserts are what make 200,000 drugs import in seconds rather than minutes.
 */
public final class CatalogueStore {

    private static final int BATCH = 1000;

    private CatalogueStore() {
    }

    public static List<DrugRecord> loadAll(Connection c) throws SQLException {
        Map<String, List<String>> barcodes = new HashMap<>();
        Map<String, List<InsuranceMapping>> mappings = new HashMap<>();
        // Every row's strings and dates are new objects: keep one per distinct value (a till's whole day).
        Shared shared = new Shared();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT BARCODE, DRUG_CODE FROM CAT_BARCODE")) {
                while (rs.next()) {
                    barcodes.computeIfAbsent(rs.getString(2), k -> new ArrayList<>(1)).add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT DRUG_CODE, NATIONAL_CODE, VALID_FROM, VALID_TO, INS_CLASS, "
                    + "SELF_PAY_PERMILLE FROM CAT_MAPPING ORDER BY ID")) {
                while (rs.next()) {
                    Date to = rs.getDate(4);
                    mappings.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1))
                            .add(new InsuranceMapping(rs.getString(2), shared.of(rs.getDate(3).toLocalDate()),
                                    to == null ? null : shared.of(to.toLocalDate()), InsuranceClass.valueOf(rs.getString(5)),
                                    rs.getLong(6)));
                }
            }
            List<DrugRecord> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT CODE, GENERIC_NAME, TRADE_NAME, PINYIN, SPEC, UNIT, PRICE_FEN, "
                    + "MANUFACTURER, APPROVAL_NO, FULLY_SELF_PAID FROM CAT_DRUG")) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    out.add(new DrugRecord(code, barcodes.getOrDefault(code, List.of()), shared.of(rs.getString(2)),
                            shared.of(rs.getString(3)), shared.of(rs.getString(4)), shared.of(rs.getString(5)),
                            shared.of(rs.getString(6)), rs.getLong(7), shared.of(rs.getString(8)), rs.getString(9),
                            rs.getBoolean(10), mappings.getOrDefault(code, List.of())));
                }
            }
            return out;
        }
    }

    public static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM CAT_DRUG")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Replaces everything; the caller's transaction makes it all or nothing. */
    public static void replaceAll(Connection c, List<DrugRecord> unsorted, ImportProgress progress) throws SQLException {
        // Key order appends to the primary-key index instead of splitting random pages.
        List<DrugRecord> drugs = new ArrayList<>(unsorted);
        drugs.sort(java.util.Comparator.comparing(DrugRecord::code));
        try (Statement s = c.createStatement()) {
            // TRUNCATE swaps in empty tables instead of logging every deleted row; Derby's DDL is
            // transactional, so a rollback brings the old rows back (CatalogueServiceTest checks it).
            s.executeUpdate("TRUNCATE TABLE CAT_MAPPING");
            s.executeUpdate("TRUNCATE TABLE CAT_BARCODE");
            s.executeUpdate("TRUNCATE TABLE CAT_DRUG");
        }
        long[] nextId = { 1 };
        try (PreparedStatement drug = c.prepareStatement("INSERT INTO CAT_DRUG (CODE, GENERIC_NAME, TRADE_NAME, PINYIN, "
                + "SPEC, UNIT, PRICE_FEN, MANUFACTURER, APPROVAL_NO, FULLY_SELF_PAID) VALUES (?,?,?,?,?,?,?,?,?,?)");
                PreparedStatement barcode = c.prepareStatement("INSERT INTO CAT_BARCODE (BARCODE, DRUG_CODE) VALUES (?,?)");
                PreparedStatement mapping = mappingInsert(c)) {
            int n = 0;
            for (DrugRecord d : drugs) {
                drug.setString(1, d.code());
                drug.setString(2, d.genericName());
                drug.setString(3, d.tradeName());
                drug.setString(4, d.pinyin());
                drug.setString(5, d.specification());
                drug.setString(6, d.unit());
                drug.setLong(7, d.priceFen());
                drug.setString(8, d.manufacturer());
                drug.setString(9, d.approvalNo());
                drug.setBoolean(10, d.fullySelfPaid());
                drug.addBatch();
                for (InsuranceMapping m : d.mappings()) {
                    addMapping(mapping, nextId[0]++, d.code(), m);
                }
                if (++n % BATCH == 0) {
                    drug.executeBatch();
                    mapping.executeBatch();
                    progress.progress(ImportProgress.Phase.WRITING, n, drugs.size());
                }
            }
            drug.executeBatch();
            mapping.executeBatch();
            // Barcodes are random keys: inserted in key order they append to the index instead of
            // touching a random page each, which is what keeps Derby's small page cache from thrashing.
            String[][] pairs = new String[countBarcodes(drugs)][];
            int k = 0;
            for (DrugRecord d : drugs) {
                for (String b : d.barcodes()) {
                    pairs[k++] = new String[] { b, d.code() };
                }
            }
            java.util.Arrays.sort(pairs, (a, b) -> a[0].compareTo(b[0]));
            for (int i = 0; i < pairs.length; i++) {
                barcode.setString(1, pairs[i][0]);
                barcode.setString(2, pairs[i][1]);
                barcode.addBatch();
                if ((i + 1) % BATCH == 0) {
                    barcode.executeBatch();
                }
            }
            barcode.executeBatch();
            progress.progress(ImportProgress.Phase.WRITING, n, drugs.size());
        }
    }

    private static int countBarcodes(List<DrugRecord> drugs) {
        int n = 0;
        for (DrugRecord d : drugs) {
            n += d.barcodes().size();
        }
        return n;
    }

    /** Replaces the mappings of the given drugs only (mapping-update import). */
    public static void replaceMappings(Connection c, Map<String, List<InsuranceMapping>> byDrug, ImportProgress progress)
            throws SQLException {
        long next;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(ID) FROM CAT_MAPPING")) {
            rs.next();
            next = rs.getLong(1) + 1;
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM CAT_MAPPING WHERE DRUG_CODE = ?");
                PreparedStatement insert = mappingInsert(c)) {
            int n = 0;
            for (Map.Entry<String, List<InsuranceMapping>> e : byDrug.entrySet()) {
                delete.setString(1, e.getKey());
                delete.addBatch();
                for (InsuranceMapping m : e.getValue()) {
                    addMapping(insert, next++, e.getKey(), m);
                }
                if (++n % BATCH == 0) {
                    delete.executeBatch();
                    insert.executeBatch();
                    progress.progress(ImportProgress.Phase.WRITING, n, byDrug.size());
                }
            }
            delete.executeBatch();
            insert.executeBatch();
            progress.progress(ImportProgress.Phase.WRITING, n, byDrug.size());
        }
    }

    private static PreparedStatement mappingInsert(Connection c) throws SQLException {
        return c.prepareStatement("INSERT INTO CAT_MAPPING (ID, DRUG_CODE, NATIONAL_CODE, VALID_FROM, VALID_TO, "
                + "INS_CLASS, SELF_PAY_PERMILLE) VALUES (?,?,?,?,?,?,?)");
    }

    private static void addMapping(PreparedStatement p, long id, String code, InsuranceMapping m) throws SQLException {
        p.setLong(1, id);
        p.setString(2, code);
        p.setString(3, m.nationalCode());
        p.setDate(4, Date.valueOf(m.validFrom()));
        if (m.validTo() == null) {
            p.setNull(5, Types.DATE);
        } else {
            p.setDate(5, Date.valueOf(m.validTo()));
        }
        p.setString(6, m.insuranceClass().name());
        p.setLong(7, m.selfPayPermille());
        p.addBatch();
    }
}
