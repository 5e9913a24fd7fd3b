package org.medpay.core.sale;

/** The national drug class ({@code chrgitm_lv}): A and B are covered, C is paid by the buyer in full. */
public enum InsuranceClass {
    A("01"), B("02"), C("03");

    private final String nationalCode;

    InsuranceClass(String nationalCode) {
        this.nationalCode = nationalCode;
    }

    /** The {@code chrgitm_lv} value the national platform uses. */
    public String nationalCode() {
        return nationalCode;
    }

    public boolean isCovered() {
        return this != C;
    }

    public static InsuranceClass fromNationalCode(String code) {
        for (InsuranceClass c : values()) {
            if (c.nationalCode.equals(code) || c.name().equalsIgnoreCase(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown drug class: " + code);
    }
}
