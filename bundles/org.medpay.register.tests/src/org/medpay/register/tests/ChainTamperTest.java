package org.medpay.register.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.persistence.JpaProvider;
import org.medpay.register.ChainVerification;
import org.medpay.register.RegisterEntry;
import org.medpay.register.internal.ComplianceRegisterImpl;
import org.medpay.testing.MutableClock;

/**
 * Tampering with the Derby rows behind the register's back (plain JDBC) is found, and verify names the first
 * broken record. Each test puts the rows back so the shared chain is whole again for the next one.
 */
class ChainTamperTest {

    private JpaProvider jpa;
    private ComplianceRegisterImpl register;
    private RegisterEntry a;
    private RegisterEntry b;
    private RegisterEntry c;

    @BeforeEach
    void setUp() throws Exception {
        jpa = Fixtures.await(JpaProvider.class);
        register = new ComplianceRegisterImpl(jpa,
                new MutableClock(Instant.parse("2026-05-01T02:00:00Z"), ZoneId.of("Asia/Shanghai")), Fixtures.keyFile());
        a = register.record(Fixtures.draft(Fixtures.sale()));
        b = register.record(Fixtures.draft(Fixtures.sale()));
        c = register.record(Fixtures.draft(Fixtures.sale()));
        assertTrue(register.verifyChain().ok(), "intact before tampering");
    }

    private void sql(String sql, Object... args) throws Exception {
        try (Connection con = Fixtures.jdbc(jpa); PreparedStatement ps = con.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private String content(long seq) throws Exception {
        try (Connection con = Fixtures.jdbc(jpa);
                PreparedStatement ps = con.prepareStatement("SELECT CONTENT FROM REG_CHAIN WHERE SEQ = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void anEditedRowIsTheFirstBrokenLink() throws Exception {
        String original = content(b.seq());
        sql("UPDATE REG_CHAIN SET CONTENT = ? WHERE SEQ = ?", original.replace("王建国", "王建军"), b.seq());
        ChainVerification v = register.verifyChain();
        assertEquals(OptionalLong.of(b.seq()), v.brokenAtSeq());
        assertEquals("CONTENT", v.problem());
        assertTrue(register.completeEntryForSale(b.saleId()).isEmpty(), "an edited entry does not count for P-1");

        sql("UPDATE REG_CHAIN SET CONTENT = ? WHERE SEQ = ?", original, b.seq());
        assertTrue(register.verifyChain().ok());
        assertTrue(register.completeEntryForSale(b.saleId()).isPresent());
    }

    @Test
    void anEditedAmountColumnIsFoundToo() throws Exception {
        String original = content(a.seq());
        sql("UPDATE REG_CHAIN SET CONTENT = ? WHERE SEQ = ?", original.replace("total=61250", "total=41250"), a.seq());
        assertEquals(OptionalLong.of(a.seq()), register.verifyChain().brokenAtSeq());
        sql("UPDATE REG_CHAIN SET CONTENT = ? WHERE SEQ = ?", original, a.seq());
        assertTrue(register.verifyChain().ok());
    }

    @Test
    void aDeletedRowBreaksTheLinkOfTheNextOne() throws Exception {
        Object[] row = readRow(b.seq());
        sql("DELETE FROM REG_CHAIN WHERE SEQ = ?", b.seq());
        ChainVerification v = register.verifyChain();
        assertEquals(OptionalLong.of(c.seq()), v.brokenAtSeq(), "the record after the hole");
        assertEquals("GAP", v.problem());

        // Renumbering to hide the hole does not help: the next record's link names the deleted one.
        sql("UPDATE REG_CHAIN SET SEQ = ? WHERE SEQ = ?", b.seq(), c.seq());
        ChainVerification renumbered = register.verifyChain();
        assertEquals(OptionalLong.of(b.seq()), renumbered.brokenAtSeq());
        assertEquals("LINK", renumbered.problem());

        sql("UPDATE REG_CHAIN SET SEQ = ? WHERE SEQ = ?", c.seq(), b.seq());
        insertRow(row);
        assertTrue(register.verifyChain().ok());
    }

    @Test
    void anInsertedRowIsFound() throws Exception {
        // Put a forged record between a and b: move b and c one place up, then insert at b's place with a's hash
        // as its link, as a forger who knows the layout would.
        sql("UPDATE REG_CHAIN SET SEQ = SEQ + 1000000 WHERE SEQ >= ?", b.seq());
        sql("UPDATE REG_CHAIN SET SEQ = SEQ - 999999 WHERE SEQ >= ?", b.seq() + 1000000);
        Object[] forged = readRow(a.seq());
        forged[0] = b.seq();
        forged[3] = a.hash();
        forged[4] = "f".repeat(64);
        insertRow(forged);
        ChainVerification v = register.verifyChain();
        assertEquals(OptionalLong.of(b.seq()), v.brokenAtSeq(), "the forged record");
        assertEquals("CONTENT", v.problem());

        sql("DELETE FROM REG_CHAIN WHERE SEQ = ?", b.seq());
        sql("UPDATE REG_CHAIN SET SEQ = SEQ + 999999 WHERE SEQ > ?", b.seq());
        sql("UPDATE REG_CHAIN SET SEQ = SEQ - 1000000 WHERE SEQ > ?", b.seq() + 999999);
        assertTrue(register.verifyChain().ok());
    }

    @Test
    void aRowAppendedWithoutTheRegisterIsFound() throws Exception {
        Object[] forged = readRow(c.seq());
        forged[0] = c.seq() + 1;
        forged[3] = c.hash();
        insertRow(forged); // its hash is c's: it does not cover the new sequence number
        ChainVerification v = register.verifyChain();
        assertEquals(OptionalLong.of(c.seq() + 1), v.brokenAtSeq());
        sql("DELETE FROM REG_CHAIN WHERE SEQ = ?", c.seq() + 1);
        assertTrue(register.verifyChain().ok());
    }

    /** SEQ, KIND, SALE_ID, PREV_HASH, HASH, RECORDED_AT, CONTENT. */
    private Object[] readRow(long seq) throws Exception {
        try (Connection con = Fixtures.jdbc(jpa); Statement st = con.createStatement();
                ResultSet rs = st.executeQuery("SELECT SEQ, KIND, SALE_ID, PREV_HASH, HASH, RECORDED_AT, CONTENT FROM REG_CHAIN WHERE SEQ = " + seq)) {
            assertTrue(rs.next());
            return new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getTimestamp(6), rs.getString(7) };
        }
    }

    private void insertRow(Object[] r) throws Exception {
        sql("INSERT INTO REG_CHAIN (SEQ, KIND, SALE_ID, PREV_HASH, HASH, RECORDED_AT, CONTENT) VALUES (?, ?, ?, ?, ?, ?, ?)", r);
    }
}
