package org.medpay.register;

/**
 * P-1: the payment is above the region's threshold and the sale has no complete register entry (or the sale
 * changed after its entry). The payment service throws this instead of settling the insurance leg.
 */
public class RegisterEntryRequiredException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String saleId;

    public RegisterEntryRequiredException(String saleId, String detail) {
        super("P-1: register entry required for sale " + saleId + ": " + detail);
        this.saleId = saleId;
    }

    public String saleId() {
        return saleId;
    }
}
