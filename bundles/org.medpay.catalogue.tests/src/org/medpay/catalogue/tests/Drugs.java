package org.medpay.catalogue.tests;

import java.time.LocalDate;
import java.util.List;

import org.medpay.catalogue.InsuranceMapping;
import org.medpay.catalogue.internal.DrugRecord;
import org.medpay.catalogue.internal.Pinyin;
import org.medpay.core.sale.InsuranceClass;

/** Small hand-made drugs for tests. */
final class Drugs {

    private Drugs() {
    }

    static DrugRecord drug(String code, String name, List<String> barcodes, boolean selfPaid, InsuranceMapping... mappings) {
        return new DrugRecord(code, barcodes, name, "", Pinyin.initials(name), "0.25g*24粒", "盒", 1250, "华北制药股份有限公司",
                "国药准字H13023964", selfPaid, List.of(mappings));
    }

    static InsuranceMapping mapping(String national, String from, String to, InsuranceClass cls) {
        return new InsuranceMapping(national, LocalDate.parse(from), to == null ? null : LocalDate.parse(to), cls,
                cls == InsuranceClass.B ? 100 : 0);
    }
}
