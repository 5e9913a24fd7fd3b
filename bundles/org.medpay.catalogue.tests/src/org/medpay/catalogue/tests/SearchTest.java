package org.medpay.catalogue.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.medpay.catalogue.DrugHit;
import org.medpay.catalogue.MatchField;
import org.medpay.catalogue.MatchRank;
import org.medpay.catalogue.internal.CatalogueIndex;
import org.medpay.catalogue.internal.DemoCatalogue;
import org.medpay.catalogue.internal.DrugRecord;
import org.medpay.catalogue.internal.Pinyin;
import org.medpay.core.sale.InsuranceClass;

class SearchTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    private final CatalogueIndex index = new CatalogueIndex(List.of(
            Drugs.drug("YP000001", "阿莫西林胶囊", List.of("6901234567892", "6909876543210"), false,
                    Drugs.mapping("XJ01CAA040E001", "2020-01-01", null, InsuranceClass.A)),
            Drugs.drug("YP000010", "阿莫西林分散片", List.of(), false),
            Drugs.drug("YP000100", "感冒灵颗粒", List.of(), false, Drugs.mapping("ZA01AAG0001", "2020-01-01", null, InsuranceClass.B)),
            Drugs.drug("YP000101", "复方感冒灵颗粒", List.of(), false),
            Drugs.drug("YP000102", "感冒灵", List.of(), false),
            Drugs.drug("YP000200", "维生素C片", List.of("6920000000017"), true)));

    private static List<String> codes(List<DrugHit> hits) {
        return hits.stream().map(h -> h.drug().pharmacyCode()).toList();
    }

    @Test
    void pinyinInitialsComeFromTheRealLibrary() {
        assertEquals("amxljn", Pinyin.initials("阿莫西林胶囊"));
        assertEquals("blfhsjn", Pinyin.initials("布洛芬缓释胶囊"));
        assertEquals("ffgcp", Pinyin.initials("复方甘草片"));
        assertEquals("lhqwjn", Pinyin.initials("连花清瘟胶囊"));
        assertEquals("wsscp", Pinyin.initials("维生素C片"), "Latin letters are kept");
    }

    @Test
    void pinyinPrefixFindsTheDrugAndExactInitialsRankFirst() {
        List<DrugHit> hits = index.search("amxl", 10, DAY);
        assertEquals(List.of("YP000001", "YP000010"), codes(hits));
        assertEquals(MatchField.PINYIN, hits.get(0).field());
        assertEquals(MatchRank.PREFIX, hits.get(0).rank());
        List<DrugHit> exact = index.search("AMXLFSP", 10, DAY);
        assertEquals(List.of("YP000010"), codes(exact), "case does not matter");
        assertEquals(MatchRank.EXACT, exact.get(0).rank());
    }

    @Test
    void rankingIsExactThenPrefixThenContains() {
        List<DrugHit> hits = index.search("感冒灵", 10, DAY);
        assertEquals(List.of("YP000102", "YP000100", "YP000101"), codes(hits));
        assertEquals(List.of(MatchRank.EXACT, MatchRank.PREFIX, MatchRank.CONTAINS), hits.stream().map(DrugHit::rank).toList());
    }

    @Test
    void barcodeIsExactOnlyAndCodesArePrefixes() {
        List<DrugHit> byBarcode = index.search("6909876543210", 10, DAY);
        assertEquals("YP000001", byBarcode.get(0).drug().pharmacyCode());
        assertEquals(MatchField.BARCODE, byBarcode.get(0).field());
        assertEquals(List.of(), index.search("690987654321", 10, DAY), "a partial barcode is no match");

        List<DrugHit> byCode = index.search("yp00001", 10, DAY);
        assertEquals(List.of("YP000010"), codes(byCode));
        List<DrugHit> exactFirst = index.search("YP000001", 10, DAY);
        assertEquals("YP000001", exactFirst.get(0).drug().pharmacyCode());
        assertEquals(MatchRank.EXACT, exactFirst.get(0).rank());
        assertEquals(List.of("YP000001"), codes(index.search("XJ01CA", 10, DAY)), "national-code prefix");
        assertEquals(MatchField.NATIONAL_CODE, index.search("XJ01CA", 10, DAY).get(0).field());
    }

    @Test
    void hitsCarryTheDrugFrozenForTheDayAndSubstringsOfNames() {
        DrugHit h = index.search("维生素", 5, DAY).get(0);
        assertTrue(h.drug().fullySelfPaid());
        assertEquals("XJ01CAA040E001", index.search("西林胶", 5, DAY).get(0).drug().nationalCode());
        assertEquals(null, index.search("西林胶", 5, LocalDate.of(2019, 12, 31)).get(0).drug().nationalCode(),
                "before the mapping started");
        assertEquals(List.of(), index.search("  ", 5, DAY));
        assertEquals(List.of(), index.search("不存在的药", 5, DAY));
    }

    @Test
    void atMostNResultsOnTheDemoCatalogueAndAllOfThemMatch() {
        List<DrugRecord> demo = DemoCatalogue.generate(DemoCatalogue.DEFAULT_SIZE, DemoCatalogue.SEED);
        CatalogueIndex big = new CatalogueIndex(demo);
        List<DrugHit> hits = big.search("片", 20, DAY);
        assertEquals(20, hits.size());
        hits.forEach(x -> assertTrue(x.drug().name().contains("片"), x.drug().name()));
        List<DrugHit> pinyin = big.search("blf", 15, DAY);
        assertEquals(15, pinyin.size());
        pinyin.forEach(x -> assertTrue(x.drug().name().startsWith("布洛芬"), x.drug().name()));
        List<MatchRank> ranks = new ArrayList<>(big.search("阿莫西林", 50, DAY).stream().map(DrugHit::rank).toList());
        List<MatchRank> sorted = new ArrayList<>(ranks);
        sorted.sort(null);
        assertEquals(sorted, ranks, "ranks never go back up");
    }
}
