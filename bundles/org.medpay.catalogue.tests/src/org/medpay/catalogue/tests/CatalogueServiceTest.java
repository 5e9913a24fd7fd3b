package org.medpay.catalogue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.medpay.catalogue.CatalogueImportException;
import org.medpay.catalogue.DrugCatalogue;
import org.medpay.catalogue.DrugHit;
import org.medpay.catalogue.ImportProgress;
import org.medpay.catalogue.ImportResult;
import org.medpay.catalogue.MatchField;
import org.medpay.catalogue.RowProblem;
import org.medpay.catalogue.internal.CatalogueCsv;
import org.medpay.catalogue.internal.DemoCatalogue;
import org.medpay.catalogue.internal.DrugRecord;
import org.medpay.catalogue.internal.JpaDrugCatalogue;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.persistence.JpaProvider;

/** The catalogue as DS publishes it, on the real embedded Derby of the test data area. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogueServiceTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    static Path dir() throws Exception {
        Path d = Path.of(System.getProperty("medpay.data.dir"), "catalogue-test");
        Files.createDirectories(d);
        return d;
    }

    static Path writeCatalogue(List<DrugRecord> drugs, String name, Charset cs) throws Exception {
        Path p = dir().resolve(name);
        try (Writer w = Files.newBufferedWriter(p, cs)) {
            CatalogueCsv.write(drugs, w);
        }
        return p;
    }

    @Test
    @Order(1)
    void serviceResolvesAndImportsTenThousandRowsWithProgress() throws Exception {
        DrugCatalogue catalogue = CatalogueServices.readyCatalogue();
        List<DrugRecord> drugs = DemoCatalogue.generate(10_000, 42);
        Path csv = writeCatalogue(drugs, "ten-thousand.csv", Charset.forName("GBK"));
        List<ImportProgress.Phase> phases = new ArrayList<>();
        ImportResult r = catalogue.importCatalogue(csv, (phase, done, total) -> {
            if (phases.isEmpty() || phases.get(phases.size() - 1) != phase) {
                phases.add(phase);
            }
        });
        assertEquals(10_000, r.rows());
        assertEquals("GBK", r.encoding().name());
        assertEquals(10_000, catalogue.size());
        assertEquals(List.of(ImportProgress.Phase.READING, ImportProgress.Phase.CHECKING, ImportProgress.Phase.WRITING,
                ImportProgress.Phase.INDEXING, ImportProgress.Phase.DONE), phases);

        DrugRecord probe = drugs.stream().filter(d -> !d.barcodes().isEmpty() && d.mappingOn(DAY).isPresent()).findFirst().orElseThrow();
        DrugRef ref = catalogue.resolve(probe.code(), DAY);
        assertEquals(probe.mappingOn(DAY).get().nationalCode(), ref.nationalCode());
        assertEquals(probe.genericName(), ref.name());
        assertEquals(ref, catalogue.findByBarcode(probe.barcodes().get(0), DAY).orElseThrow());
        assertNull(catalogue.resolve("NO-SUCH-DRUG", DAY));

        List<DrugHit> hits = catalogue.search("amxl", 20, DAY);
        assertEquals(20, hits.size());
        hits.forEach(h -> assertTrue(h.drug().name().startsWith("阿莫西林"), h.drug().name()));
        assertEquals(MatchField.BARCODE, catalogue.search(probe.barcodes().get(0), 5, DAY).get(0).field());

        // Derby is the store of record: a fresh service instance reads the same catalogue back.
        JpaDrugCatalogue fresh = new JpaDrugCatalogue(CatalogueServices.await(JpaProvider.class));
        try {
            assertTrue(fresh.awaitReady(60, TimeUnit.SECONDS));
            assertEquals(10_000, fresh.size());
            assertEquals(ref, fresh.resolve(probe.code(), DAY));
            assertEquals(probe.mappings().get(0).selfPayPermille(), fresh.mappingOn(probe.code(), DAY).orElseThrow().selfPayPermille());
        } finally {
            fresh.close();
        }
    }

    @Test
    @Order(2)
    void aBadFileChangesNothingAndListsEveryBadRow() throws Exception {
        DrugCatalogue catalogue = CatalogueServices.readyCatalogue();
        int before = catalogue.size();
        DrugRef someDrug = catalogue.resolve("YP000001", DAY);
        assertNotNull(someDrug);
        String csv = "\uFEFF" + CsvImportTest.HEADER
                + "NEW1,,阿莫西林胶囊,,0.25g*24粒,盒,12.50,,,否,,,,,\r\n"
                + "NEW2,,布洛芬片,,0.1g*24片,盒,abc,,,否,,,,,\r\n"
                + "NEW1,,复方甘草片,,100片,瓶,3.90,,,否,,,,,\r\n";
        Path p = dir().resolve("bad.csv");
        Files.writeString(p, csv, StandardCharsets.UTF_8);
        CatalogueImportException e = assertThrows(CatalogueImportException.class, () -> catalogue.importCatalogue(p, ImportProgress.NONE));
        assertEquals(List.of(3, 4), e.problems().stream().map(RowProblem::line).toList());
        assertEquals(before, catalogue.size(), "the old catalogue is still searched");
        assertEquals(someDrug, catalogue.resolve("YP000001", DAY));
        assertNull(catalogue.resolve("NEW1", DAY));
        JpaDrugCatalogue fresh = new JpaDrugCatalogue(CatalogueServices.await(JpaProvider.class));
        try {
            assertTrue(fresh.awaitReady(60, TimeUnit.SECONDS));
            assertEquals(before, fresh.size(), "and still stored");
        } finally {
            fresh.close();
        }
    }

    @Test
    @Order(2)
    void aDatabaseFailureMidWriteRollsBackToTheOldRows() throws Exception {
        JpaDrugCatalogue catalogue = (JpaDrugCatalogue) CatalogueServices.readyCatalogue();
        int before = catalogue.inTransaction(org.medpay.catalogue.internal.CatalogueStore::count);
        assertTrue(before > 0);
        // Two drugs sharing a barcode get past no validation here: the primary key refuses the second
        // only after the tables were emptied and the drugs written.
        List<DrugRecord> clash = List.of(Drugs.drug("CLASH1", "阿莫西林胶囊", List.of("6900000000001"), false),
                Drugs.drug("CLASH2", "布洛芬片", List.of("6900000000001"), false));
        assertThrows(java.sql.SQLException.class, () -> catalogue.inTransaction(c -> {
            org.medpay.catalogue.internal.CatalogueStore.replaceAll(c, clash, ImportProgress.NONE);
            return null;
        }));
        assertEquals(before, catalogue.inTransaction(org.medpay.catalogue.internal.CatalogueStore::count),
                "truncate and inserts were rolled back");
        assertNotNull(catalogue.inTransaction(org.medpay.catalogue.internal.CatalogueStore::loadAll).stream()
                .filter(d -> d.code().equals("YP000001")).findFirst().orElse(null));
    }

    @Test
    @Order(3)
    void mappingUpdateChangesOnlyTheListedDrugs() throws Exception {
        DrugCatalogue catalogue = CatalogueServices.readyCatalogue();
        DrugRef untouched = catalogue.resolve("YP000003", DAY);
        String csv = "药品编码,医保编码,对码开始日期,对码结束日期,类别,自付比例\r\n"
                + "YP000001,XJ99NEW000001,2026-12-01,,乙类,15%\r\n"
                + "YP000001,XJ99OLD000001,2020-01-01,2026-11-30,甲类,\r\n"
                + "YP000002,,,,,\r\n";
        Path p = dir().resolve("mapping.csv");
        Files.writeString(p, csv, Charset.forName("GBK"));
        catalogue.importMappings(p, ImportProgress.NONE);
        assertEquals("XJ99OLD000001", catalogue.resolve("YP000001", LocalDate.of(2026, 11, 30)).nationalCode());
        DrugRef dec = catalogue.resolve("YP000001", LocalDate.of(2026, 12, 1));
        assertEquals("XJ99NEW000001", dec.nationalCode());
        assertEquals(InsuranceClass.B, dec.insuranceClass());
        assertEquals(150, catalogue.mappingOn("YP000001", LocalDate.of(2026, 12, 1)).orElseThrow().selfPayPermille());
        assertFalse(catalogue.resolve("YP000002", DAY).codeMatched(), "revoked");
        assertEquals(untouched, catalogue.resolve("YP000003", DAY));

        Path bad = dir().resolve("mapping-bad.csv");
        Files.writeString(bad, "药品编码,医保编码,对码开始日期,对码结束日期,类别,自付比例\r\n"
                + "YP000003,XJ1,2026-01-01,,A,\r\nNOPE,XJ1,2026-01-01,,A,\r\n", StandardCharsets.UTF_8);
        CatalogueImportException e = assertThrows(CatalogueImportException.class, () -> catalogue.importMappings(bad, ImportProgress.NONE));
        assertEquals(RowProblem.Kind.UNKNOWN_DRUG, e.problems().get(0).kind());
        assertEquals(3, e.problems().get(0).line());
        assertEquals(untouched, catalogue.resolve("YP000003", DAY), "all or nothing: the good row was not applied");

        JpaDrugCatalogue fresh = new JpaDrugCatalogue(CatalogueServices.await(JpaProvider.class));
        try {
            assertTrue(fresh.awaitReady(60, TimeUnit.SECONDS));
            assertEquals("XJ99NEW000001", fresh.resolve("YP000001", LocalDate.of(2026, 12, 1)).nationalCode());
            assertFalse(fresh.resolve("YP000002", DAY).codeMatched());
        } finally {
            fresh.close();
        }
    }
}
