package org.medpay.register.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.Sale;
import org.medpay.gateway.api.RegionPolicy;
import org.medpay.persistence.JpaProvider;
import org.medpay.register.BuyerRole;
import org.medpay.register.ComplianceRegister;
import org.medpay.register.FieldError;
import org.medpay.register.IdType;
import org.medpay.register.Person;
import org.medpay.register.RegisterEntry;
import org.medpay.register.RegisterEntryDraft;
import org.medpay.register.RegisterEntryRequiredException;
import org.medpay.register.RegisterValidationException;
import org.medpay.register.Settlement;
import org.medpay.register.internal.ComplianceRegisterImpl;
import org.medpay.testing.MutableClock;

/** The register on real Derby: recording, validation, the settlement gate, settlements, queries, exports. */
class RegisterTest {

    private JpaProvider jpa;
    private MutableClock clock;
    private ComplianceRegisterImpl register;

    @BeforeEach
    void setUp() throws Exception {
        jpa = Fixtures.await(JpaProvider.class);
        clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
        register = new ComplianceRegisterImpl(jpa, clock, Fixtures.keyFile());
    }

    @Test
    void dsPublishesTheRegister() throws Exception {
        ComplianceRegister ds = Fixtures.await(ComplianceRegister.class);
        assertTrue(ds.verifyChain().ok());
    }

    /** The contract the payment service relies on: no complete entry, no settlement above the threshold. */
    @Test
    void anOverThresholdPaymentCannotSettleUntilAValidEntryIsRecordedForThatSale() throws Exception {
        RegionPolicy policy = RegionPolicy.PROCEDURE_DEFAULT;
        Sale sale = Fixtures.sale();
        Money insurance = Money.ofFen(60000);
        Money total = sale.total();
        assertTrue(register.entryRequired(policy, insurance, total));
        assertTrue(register.completeEntryForSale(sale.id()).isEmpty());
        assertThrows(RegisterEntryRequiredException.class,
                () -> register.ensureSettlementAllowed(policy, sale.id(), insurance, total));

        // An invalid draft stores nothing and still blocks.
        RegisterEntryDraft bad = Fixtures.draft(sale).withPeople(
                new Person("王建国", IdType.RESIDENT_ID, "110101199003071234", "13812345678", "110101199003071233"),
                BuyerRole.INSURED, "", null, "");
        assertThrows(RegisterValidationException.class, () -> register.record(bad));
        assertTrue(register.completeEntryForSale(sale.id()).isEmpty());
        assertThrows(RegisterEntryRequiredException.class,
                () -> register.ensureSettlementAllowed(policy, sale.id(), insurance, total));

        // An entry for another sale does not open this one.
        register.record(Fixtures.draft(Fixtures.sale()));
        assertThrows(RegisterEntryRequiredException.class,
                () -> register.ensureSettlementAllowed(policy, sale.id(), insurance, total));

        RegisterEntry entry = register.record(Fixtures.draft(sale));
        assertEquals(entry.seq(), register.completeEntryForSale(sale.id()).orElseThrow().seq());
        register.ensureSettlementAllowed(policy, sale.id(), insurance, total);

        // The sale changed after its entry (one more drug): the entry no longer covers the payment.
        assertThrows(RegisterEntryRequiredException.class,
                () -> register.ensureSettlementAllowed(policy, sale.id(), insurance, total.plus(Money.ofFen(1250))));
        // Under the threshold nothing is needed, entry or not.
        register.ensureSettlementAllowed(policy, "S-no-entry", Money.ofFen(50000), Money.ofFen(50000));
    }

    @Test
    void validationListsEveryBadFieldWithACashierMessage() {
        Sale sale = Fixtures.sale();
        RegisterEntryDraft d = RegisterEntryDraft.forSale(sale, Money.ofFen(60000), Money.ofFen(1000), null)
                .withPeople(new Person("王", IdType.RESIDENT_ID, "110101199002301230", "1381234567", ""), BuyerRole.PROXY, "",
                        new Person("", IdType.RESIDENT_ID, "110101199003071234", "", "ab"), "");
        RegisterValidationException e = assertThrows(RegisterValidationException.class, () -> register.record(d));
        Set<String> fields = e.errors().stream().map(f -> f.field() + ":" + f.code()).collect(Collectors.toSet());
        assertEquals(Set.of("buyer.name:name", "buyer.idNumber:birthDate", "buyer.phone:phone", "relationship:relationship",
                "insured.name:required", "insured.idNumber:checkDigit", "insured.ssNo:ssNo", "amounts:amounts",
                "operator:operator"), fields);
        FieldError check = e.error("insured.idNumber").orElseThrow();
        assertTrue(check.message().contains("校验位"), check.message());
    }

    @Test
    void aProxyPurchaseKeepsBothPeopleAndMasksEveryIdentifier() throws Exception {
        Sale sale = Fixtures.sale();
        Person buyer = new Person("李小红", IdType.RESIDENT_ID, Fixtures.ID_X, "13900001111", "");
        RegisterEntryDraft d = Fixtures.draft(sale).withPeople(buyer, BuyerRole.PROXY, "女儿", Fixtures.insured(), "RX-2026-001");
        RegisterEntry e = register.record(d);
        assertEquals(BuyerRole.PROXY, e.role());
        assertEquals("女儿", e.relationship());
        assertEquals("李小红", e.buyer().name());
        assertEquals("11************002X", e.buyer().maskedIdNumber());
        assertEquals("1********11", e.buyer().maskedPhone());
        assertEquals("王建国", e.insured().name());
        assertEquals("11************1233", e.insured().maskedIdNumber());
        assertEquals("11************1233", e.insuredPerson().maskedSocialSecurityNo());
        assertEquals("RX-2026-001", e.prescriptionNo());
        assertEquals(Fixtures.CASHIER, e.operator());
        assertEquals(clock.instant(), e.recordedAt(), "time is the register's own");
        assertEquals(2, e.lines().size());
        assertEquals("阿莫西林胶囊", e.lines().get(0).name());
        assertEquals(5, e.lines().get(0).quantity());
        assertEquals(Money.ofFen(6250), e.lines().get(0).lineTotal());
        assertEquals(Money.ofFen(61250), e.total());
        assertEquals(Money.ofFen(60000), e.insuranceAmount());
        assertEquals(Money.ofFen(1250), e.channelAmount());

        // Stored protected: the database never holds the full numbers, the key does open them.
        String content;
        try (Connection c = Fixtures.jdbc(jpa);
                PreparedStatement ps = c.prepareStatement("SELECT CONTENT FROM REG_CHAIN WHERE SEQ = ?")) {
            ps.setLong(1, e.seq());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                content = rs.getString(1);
            }
        }
        assertFalse(content.contains(Fixtures.ID_X) || content.contains(Fixtures.ID_1) || content.contains("13900001111"),
                content);
        assertTrue(content.contains("李小红"));
        Method reveal = ComplianceRegisterImpl.class.getDeclaredMethod("reveal", long.class, String.class);
        reveal.setAccessible(true);
        assertEquals(Fixtures.ID_X, reveal.invoke(register, e.seq(), "buyer.id"));
        assertEquals(Fixtures.ID_1, reveal.invoke(register, e.seq(), "insured.id"));
    }

    @Test
    void settlementIsAppendedAsItsOwnChainedRecord() {
        Sale sale = Fixtures.sale();
        RegisterEntry e = register.record(Fixtures.draft(sale));
        clock.advance(java.time.Duration.ofSeconds(40));
        Settlement s = register.confirmSettlement(sale.id(), "SETL-0001", "2026030222001", Money.ofFen(60000), Money.ofFen(1250));
        assertTrue(s.seq() > e.seq(), "a new record, not an update");
        RegisterEntry again = register.completeEntryForSale(sale.id()).orElseThrow();
        assertEquals(e.hash(), again.hash(), "the entry itself is unchanged");
        assertEquals("SETL-0001", again.settlement().orElseThrow().settlementId());
        assertEquals(clock.instant(), again.settlement().orElseThrow().confirmedAt());
        assertThrows(IllegalStateException.class,
                () -> register.confirmSettlement("S-unregistered", "X", "Y", Money.ZERO, Money.ZERO));
        assertTrue(register.verifyChain().ok());
    }

    @Test
    void entriesAreQueriedByDayInTheTillsTimeZone() {
        // 2026-03-05 23:30 and 2026-03-06 00:30 in Shanghai.
        clock.advance(java.time.Duration.between(clock.instant(), Instant.parse("2026-03-05T15:30:00Z")));
        RegisterEntry late = register.record(Fixtures.draft(Fixtures.sale()));
        clock.advance(java.time.Duration.ofHours(1));
        RegisterEntry next = register.record(Fixtures.draft(Fixtures.sale()));
        // Only this test's entries: the data area (and earlier runs' entries on these days) outlives a build.
        Set<String> mine = Set.of(late.saleId(), next.saleId());
        assertEquals(List.of(late.seq()), seqs(register.entries(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 5)), mine));
        assertEquals(List.of(next.seq()), seqs(register.entries(LocalDate.of(2026, 3, 6), LocalDate.of(2026, 3, 6)), mine));
        assertEquals(List.of(late.seq(), next.seq()),
                seqs(register.entries(LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 6)), mine));
    }

    private static List<Long> seqs(List<RegisterEntry> entries, Set<String> sales) {
        return entries.stream().filter(e -> sales.contains(e.saleId())).map(RegisterEntry::seq).toList();
    }

    @Test
    void csvOpensInExcelWithChineseAndMaskedIds() throws Exception {
        clock.advance(java.time.Duration.between(clock.instant(), Instant.parse("2026-04-01T02:00:00Z")));
        Sale sale = Fixtures.sale();
        register.record(Fixtures.draft(sale).withPeople(new Person("李小红", IdType.RESIDENT_ID, Fixtures.ID_X, "13900001111", ""),
                BuyerRole.PROXY, "女儿, 同住", Fixtures.insured(), ""));
        register.confirmSettlement(sale.id(), "SETL-9", "T-9", Money.ofFen(60000), Money.ofFen(1250));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        register.exportCsv(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 1), out);
        byte[] bytes = out.toByteArray();
        assertEquals(0xEF, bytes[0] & 0xFF);
        assertEquals(0xBB, bytes[1] & 0xFF);
        assertEquals(0xBF, bytes[2] & 0xFF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"));
        assertFalse(text.replace("\r\n", "").contains("\n"), "no bare LF");
        String[] all = text.split("\r\n");
        assertTrue(all[0].startsWith("序号,登记时间,销售单号,操作员,购药人,证件类型,证件号码"), all[0]);
        // This test's row (earlier runs may have left rows on the same day in the kept data area).
        List<String> rows = java.util.Arrays.stream(all).filter(l -> l.contains(sale.id())).toList();
        assertEquals(1, rows.size());
        String[] lines = { all[0], rows.get(0) };
        assertTrue(lines[1].contains("李小红") && lines[1].contains("王建国") && lines[1].contains("居民身份证"), lines[1]);
        assertTrue(lines[1].contains("\"女儿, 同住\""), "a comma in a value is quoted");
        assertTrue(lines[1].contains("11************002X") && lines[1].contains("11************1233"));
        assertFalse(text.contains(Fixtures.ID_X) || text.contains(Fixtures.ID_1) || text.contains("13900001111"),
                "no full identifier in an export");
        assertTrue(lines[1].contains("阿莫西林胶囊 0.25g*24粒 ×5 = 62.50"), lines[1]);
        assertTrue(lines[1].contains(",612.50,600.00,12.50,") && lines[1].contains("SETL-9"), lines[1]);
        assertTrue(lines[1].contains("2026-04-01 10:00:00"), "local time of the till");
    }

    @Test
    void htmlIsPrintableAndMasked() throws Exception {
        clock.advance(java.time.Duration.between(clock.instant(), Instant.parse("2026-04-02T02:00:00Z")));
        register.record(Fixtures.draft(Fixtures.sale()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        register.exportHtml(LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 2), out);
        String html = out.toString(StandardCharsets.UTF_8);
        assertTrue(html.contains("<meta charset=\"UTF-8\">"));
        assertTrue(html.contains("@media print") && html.contains("A4 landscape"));
        assertTrue(html.contains("医保移动支付登记表") && html.contains("王建国"));
        assertTrue(html.contains("哈希链校验: 完整"), "the chain's state is printed with the register");
        assertFalse(html.contains(Fixtures.ID_1));
        assertNotNull(register.verifyChain().headHash());
    }
}
