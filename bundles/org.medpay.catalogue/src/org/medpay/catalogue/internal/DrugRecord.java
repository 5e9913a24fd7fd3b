package org.medpay.catalogue.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.medpay.catalogue.InsuranceMapping;
import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;

/** A drug as the catalogue holds it in memory: everything the index, matching and storage need. */
public record DrugRecord(String code, List<String> barcodes, String genericName, String tradeName, String pinyin,
        String specification, String unit, long priceFen, String manufacturer, String approvalNo,
        boolean fullySelfPaid, List<InsuranceMapping> mappings) {

    public DrugRecord {
        barcodes = List.copyOf(barcodes);
        mappings = List.copyOf(mappings);
        tradeName = tradeName == null ? "" : tradeName;
        manufacturer = manufacturer == null ? "" : manufacturer;
        approvalNo = approvalNo == null ? "" : approvalNo;
    }

    /** The mapping valid that day; when ranges overlap, the one that started last wins (the newer 对码). */
    public Optional<InsuranceMapping> mappingOn(LocalDate date) {
        InsuranceMapping best = null;
        for (InsuranceMapping m : mappings) {
            if (m.validOn(date) && (best == null || m.validFrom().isAfter(best.validFrom()))) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The drug frozen for a sale on that date: unmatched that day means no national code and no class. */
    public DrugRef refOn(LocalDate date) {
        InsuranceMapping m = mappingOn(date).orElse(null);
        return new DrugRef(code, displayName(), specification, unit, Money.ofFen(priceFen),
                m == null ? null : m.nationalCode(), m == null ? null : m.insuranceClass(), fullySelfPaid);
    }

    /** The generic name is what the insurance platform and the receipt know the drug by. */
    public String displayName() {
        return genericName;
    }

    public DrugRecord withMappings(List<InsuranceMapping> newMappings) {
        return new DrugRecord(code, barcodes, genericName, tradeName, pinyin, specification, unit, priceFen,
                manufacturer, approvalNo, fullySelfPaid, newMappings);
    }
}
