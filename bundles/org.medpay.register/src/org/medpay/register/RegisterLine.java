package org.medpay.register;

import java.util.List;

import org.medpay.core.money.Money;
import org.medpay.core.sale.Sale;
import org.medpay.core.sale.SaleLine;

/** One drug of a registered sale, copied from the sale snapshot so later catalogue changes do not alter it. */
public record RegisterLine(String pharmacyCode, String name, String specification, String unit, int quantity,
        Money unitPrice, Money lineTotal, String nationalCode) {

    public RegisterLine {
        specification = specification == null ? "" : specification;
        unit = unit == null ? "" : unit;
        nationalCode = nationalCode == null ? "" : nationalCode;
    }

    public static RegisterLine of(SaleLine l) {
        return new RegisterLine(l.drug().pharmacyCode(), l.drug().name(), l.drug().specification(), l.drug().unit(),
                l.quantity(), l.drug().unitPrice(), l.total(), l.drug().nationalCode());
    }

    /** The drugs of a sale as they are now: the payment flow passes the snapshot it settles. */
    public static List<RegisterLine> fromSale(Sale sale) {
        return sale.lines().stream().map(RegisterLine::of).toList();
    }
}
