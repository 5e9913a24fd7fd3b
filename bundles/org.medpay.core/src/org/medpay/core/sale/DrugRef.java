package org.medpay.core.sale;

import java.util.Objects;

import org.medpay.core.money.Money;

/**
 * What a sale line needs to know about a drug, frozen at the moment it was added: the catalogue may
 * change while the buyer waits, the sale may not.
 *
 * @param pharmacyCode   the chain's own code ({@code medins_list_codg})
 * @param nationalCode   {@code med_list_codg} of the mapping valid on the sale date, {@code null} when unmatched
 * @param insuranceClass class of that mapping, {@code null} when unmatched
 * @param fullySelfPaid  the drug is flagged 全自费 in the catalogue
 */
public record DrugRef(String pharmacyCode, String name, String specification, String unit, Money unitPrice,
        String nationalCode, InsuranceClass insuranceClass, boolean fullySelfPaid) {

    public DrugRef {
        Objects.requireNonNull(pharmacyCode, "pharmacyCode");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("negative price for " + pharmacyCode);
        }
        specification = specification == null ? "" : specification;
        unit = unit == null ? "" : unit;
        if ((nationalCode == null) != (insuranceClass == null)) {
            throw new IllegalArgumentException("national code and class go together for " + pharmacyCode);
        }
    }

    /** 已对码: a mapping to the national catalogue is valid on the sale date. */
    public boolean codeMatched() {
        return nationalCode != null;
    }

    /** Why this drug forbids the insurance leg (rule N-2), or {@code null} when it does not. */
    public IneligibilityReason ineligibility() {
        if (!codeMatched()) {
            return IneligibilityReason.NOT_CODE_MATCHED;
        }
        if (fullySelfPaid) {
            return IneligibilityReason.FULLY_SELF_PAID;
        }
        if (!insuranceClass.isCovered()) {
            return IneligibilityReason.CLASS_C;
        }
        return null;
    }
}
