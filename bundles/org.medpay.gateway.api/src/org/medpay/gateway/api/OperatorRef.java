package org.medpay.gateway.api;

/** The cashier on whose behalf a call is made ({@code opter}, {@code opter_name} in the envelope). */
public record OperatorRef(String code, String name) {

    public static final OperatorRef SYSTEM = new OperatorRef("SYSTEM", "系统");
}
