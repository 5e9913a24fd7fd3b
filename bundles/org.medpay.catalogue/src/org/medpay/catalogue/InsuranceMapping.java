package org.medpay.catalogue;

import java.time.LocalDate;
import java.util.Objects;

import org.medpay.core.sale.InsuranceClass;

/**
 * One 对码 entry: the drug is the national catalogue's {@code med_list_codg} from {@code validFrom} to
 * {@code validTo} (both inclusive; {@code null} = open-ended).
 *
 * @param selfPayPermille the up-front self-pay ratio {@code selfpay_prop} in per-mille (100 = 10 %):
 *                        integer, because a ratio stored as double ends as a fen of difference
 */
public record InsuranceMapping(String nationalCode, LocalDate validFrom, LocalDate validTo,
        InsuranceClass insuranceClass, long selfPayPermille) {

    public InsuranceMapping {
        Objects.requireNonNull(nationalCode, "nationalCode");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(insuranceClass, "insuranceClass");
        if (validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("mapping ends before it starts: " + nationalCode);
        }
        if (selfPayPermille < 0 || selfPayPermille > 1000) {
            throw new IllegalArgumentException("self-pay ratio out of 0..1000‰: " + selfPayPermille);
        }
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }
}
