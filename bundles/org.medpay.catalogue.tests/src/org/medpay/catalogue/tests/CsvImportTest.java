package org.medpay.catalogue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.medpay.catalogue.ImportProgress;
import org.medpay.catalogue.RowProblem;
import org.medpay.catalogue.RowProblem.Kind;
import org.medpay.catalogue.internal.CatalogueCsv;
import org.medpay.catalogue.internal.CsvFile;
import org.medpay.catalogue.internal.DemoCatalogue;
import org.medpay.catalogue.internal.DrugRecord;
import org.medpay.core.sale.InsuranceClass;

/** The import file rules of docs/catalogue-import.md: every bad row found, with its line and reason. */
class CsvImportTest {

    static final String HEADER = "药品编码,条码,通用名,商品名,规格,单位,零售价,生产厂家,批准文号,全自费,医保编码,对码开始日期,对码结束日期,类别,自付比例\r\n";

    private static List<DrugRecord> read(String text, List<RowProblem> problems) {
        return CatalogueCsv.readCatalogue(CsvFile.parse(text.getBytes(StandardCharsets.UTF_8)), ImportProgress.NONE, problems);
    }

    @Test
    void aGoodFileReadsEveryColumn() {
        List<RowProblem> problems = new ArrayList<>();
        List<DrugRecord> drugs = read(HEADER
                + "YP1,6901234567892;6909876543210,阿莫西林胶囊,阿莫仙,0.25g*24粒,盒,12.50,华北制药,国药准字H13023964,否,XJ01CAA040E001,2025-01-01,2025-12-31,乙类,10%\r\n"
                + "YP2,,\"复方甘草片\",,\"100片, 瓶装\",瓶,3.9,,,是,,,,,\r\n"
                + "\r\n"
                + "YP3,,连花清瘟胶囊,,0.35g*24粒,盒,¥14.80,以岭药业,,0,ZA01BAL0001,2020/1/1,,甲,\r\n", problems);
        assertEquals(List.of(), problems);
        assertEquals(3, drugs.size());
        DrugRecord a = drugs.get(0);
        assertEquals(List.of("6901234567892", "6909876543210"), a.barcodes());
        assertEquals(1250, a.priceFen());
        assertEquals("amxljn", a.pinyin(), "pinyin computed when the file has none");
        assertEquals(InsuranceClass.B, a.mappings().get(0).insuranceClass());
        assertEquals(100, a.mappings().get(0).selfPayPermille());
        assertEquals(LocalDate.of(2025, 12, 31), a.mappings().get(0).validTo());
        assertEquals("100片, 瓶装", drugs.get(1).specification(), "quoted comma");
        assertTrue(drugs.get(1).fullySelfPaid());
        assertTrue(drugs.get(1).mappings().isEmpty(), "no national code: unmatched");
        assertEquals(390, drugs.get(1).priceFen());
        assertEquals(1480, drugs.get(2).priceFen());
        assertEquals(LocalDate.of(2020, 1, 1), drugs.get(2).mappings().get(0).validFrom());
        assertEquals(null, drugs.get(2).mappings().get(0).validTo());
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndReason() {
        List<RowProblem> problems = new ArrayList<>();
        List<DrugRecord> drugs = read(HEADER
                + "YP1,6901234567892,阿莫西林胶囊,,0.25g*24粒,盒,12.50,,,否,,,,,\r\n" // line 2 ok
                + ",,布洛芬片,,0.1g*24片,盒,5.00,,,否,,,,,\r\n" // 3 missing code
                + "YP3,,布洛芬片,,0.1g*24片,盒,5.001,,,否,,,,,\r\n" // 4 bad price
                + "YP4,,布洛芬片,,0.1g*24片,盒,-1,,,否,,,,,\r\n" // 5 negative price
                + "YP5,,布洛芬片,,0.1g*24片,盒,5.00,,,否,X1,2025-13-01,,A,\r\n" // 6 bad date
                + "YP1,,复方甘草片,,100片,瓶,3.90,,,否,,,,,\r\n" // 7 duplicate code
                + "YP7,6901234567892,维生素C片,,100片,瓶,3.90,,,否,,,,,\r\n" // 8 duplicate barcode
                + "YP8,,维生素C片,,100片,瓶,3.90,,,否,X8,2025-01-01,,D,\r\n" // 9 bad class
                + "YP9,,维生素C片,,100片,瓶,3.90,,,否,X9,2025-01-01,,B,0.1234\r\n" // 10 bad ratio
                + "YP10,,维生素C片,,100片,瓶,3.90,,,也许,,,,,\r\n" // 11 bad flag
                + "YP11,,维生素C片,,100片,瓶,,,,否,,,,,\r\n" // 12 missing price
                + "YP12,,维生素C片,,100片,瓶,3.90,,,否,X12,2025-02-01,2025-01-01,A,\r\n", problems); // 13 ends before start
        assertEquals(1, drugs.size(), "only the good row survives validation (and the import will still be refused)");
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), problems.stream().map(RowProblem::line).toList());
        assertEquals(List.of(Kind.MISSING_FIELD, Kind.BAD_PRICE, Kind.BAD_PRICE, Kind.BAD_DATE, Kind.DUPLICATE_CODE,
                Kind.DUPLICATE_BARCODE, Kind.BAD_CLASS, Kind.BAD_RATIO, Kind.BAD_FLAG, Kind.MISSING_FIELD, Kind.BAD_DATE),
                problems.stream().map(RowProblem::kind).toList());
        assertTrue(problems.get(0).detail().contains("药品编码"), problems.get(0).toString());
        assertTrue(problems.get(4).detail().contains("YP1"));
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedAsAWhole() {
        List<RowProblem> problems = new ArrayList<>();
        read("编码,名称\r\nYP1,阿莫西林\r\n", problems);
        assertEquals(1, problems.size());
        assertEquals(Kind.BAD_FILE, problems.get(0).kind());
        assertTrue(problems.get(0).detail().contains("药品编码"));
    }

    @Test
    void gbkAndUtf8WithBomFilesReadTheSame() throws Exception {
        String text = HEADER + "YP1,6901234567892,阿莫西林胶囊,,0.25g*24粒,盒,12.50,华北制药,,否,XJ01,2025-01-01,,甲类,\r\n";
        byte[] gbk = text.getBytes(Charset.forName("GBK"));
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
        bom.write(text.getBytes(StandardCharsets.UTF_8));
        for (byte[] bytes : List.of(gbk, bom.toByteArray(), text.getBytes(StandardCharsets.UTF_8))) {
            CsvFile file = CsvFile.parse(bytes);
            List<RowProblem> problems = new ArrayList<>();
            List<DrugRecord> drugs = CatalogueCsv.readCatalogue(file, ImportProgress.NONE, problems);
            assertEquals(List.of(), problems, file.charset().name());
            assertEquals("阿莫西林胶囊", drugs.get(0).genericName(), file.charset().name());
            assertEquals("华北制药", drugs.get(0).manufacturer());
        }
        assertEquals("GBK", CsvFile.parse(gbk).charset().name());
        assertEquals("UTF-8", CsvFile.parse(bom.toByteArray()).charset().name());
    }

    @Test
    void mappingUpdatesCheckTheDrugExistsAndEachRow() {
        String csv = "药品编码,医保编码,对码开始日期,对码结束日期,类别,自付比例\n"
                + "YP1,XJ01NEW,2026-01-01,,A,\n" // 2 ok
                + "YP404,XJ01NEW,2026-01-01,,A,\n" // 3 unknown drug
                + "YP1,XJ01NEW,2026-01-01,,A,\n" // 4 duplicate
                + "YP2,,,,,\n" // 5 revoke, ok
                + "YP1,XJ02,someday,,A,\n"; // 6 bad date
        List<RowProblem> problems = new ArrayList<>();
        var rows = CatalogueCsv.readMappings(CsvFile.parse(csv.getBytes(StandardCharsets.UTF_8)),
                Set.of("YP1", "YP2")::contains, ImportProgress.NONE, problems);
        assertEquals(List.of(3, 4, 6), problems.stream().map(RowProblem::line).toList());
        assertEquals(List.of(Kind.UNKNOWN_DRUG, Kind.DUPLICATE_CODE, Kind.BAD_DATE), problems.stream().map(RowProblem::kind).toList());
        assertEquals(2, rows.size());
        assertEquals(null, rows.get(1).mapping(), "an empty national code revokes the drug's mappings");
    }

    @Test
    void demoDataIsReproducibleRealisticAndRoundTripsThroughTheImportFormat() throws Exception {
        List<DrugRecord> demo = DemoCatalogue.generate(DemoCatalogue.DEFAULT_SIZE, DemoCatalogue.SEED);
        assertEquals(demo, DemoCatalogue.generate(DemoCatalogue.DEFAULT_SIZE, DemoCatalogue.SEED), "same seed, same data");
        assertTrue(demo.size() >= 5000);
        LocalDate today = LocalDate.of(2026, 11, 26);
        long unmatched = demo.stream().filter(d -> d.mappings().isEmpty()).count();
        long expired = demo.stream().filter(d -> !d.mappings().isEmpty() && d.mappingOn(today).isEmpty()).count();
        long selfPaid = demo.stream().filter(DrugRecord::fullySelfPaid).count();
        assertTrue(unmatched > 100 && expired > 100 && selfPaid > 100, unmatched + " " + expired + " " + selfPaid);
        for (InsuranceClass c : InsuranceClass.values()) {
            assertTrue(demo.stream().filter(d -> d.refOn(today).insuranceClass() == c).count() > 100, c.name());
        }
        assertTrue(demo.stream().anyMatch(d -> d.genericName().equals("连花清瘟胶囊")));
        assertTrue(demo.stream().anyMatch(d -> d.genericName().equals("复方甘草片")));

        StringBuilder sb = new StringBuilder();
        CatalogueCsv.write(demo, sb);
        List<RowProblem> problems = new ArrayList<>();
        List<DrugRecord> back = read(sb.toString(), problems);
        assertEquals(List.of(), problems);
        assertEquals(demo, back);
        assertFalse(back.isEmpty());
    }
}
