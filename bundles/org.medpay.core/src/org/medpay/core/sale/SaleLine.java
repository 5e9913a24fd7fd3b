package org.medpay.core.sale;

import java.time.LocalDateTime;
import java.util.Objects;

import org.medpay.core.money.Money;

/** One drug of a sale with its quantity. Immutable: changing the quantity makes a new line. */
public record SaleLine(int lineNo, DrugRef drug, int quantity, LocalDateTime chargeTime) {

    /** The most units of one drug a single line may carry; more is almost always a typing slip. */
    public static final int MAX_QUANTITY = 999;

    public SaleLine {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(chargeTime, "chargeTime");
        checkQuantity(quantity);
    }

    public static void checkQuantity(int quantity) {
        if (quantity <= 0) {
            throw new SaleException(SaleException.Kind.QUANTITY_NOT_POSITIVE, quantity);
        }
        if (quantity > MAX_QUANTITY) {
            throw new SaleException(SaleException.Kind.QUANTITY_TOO_LARGE, quantity);
        }
    }

    public Money total() {
        return drug.unitPrice().times(quantity);
    }

    public SaleLine withQuantity(int newQuantity) {
        return new SaleLine(lineNo, drug, newQuantity, chargeTime);
    }
}
