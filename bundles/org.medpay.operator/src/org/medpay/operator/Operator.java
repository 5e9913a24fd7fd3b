package org.medpay.operator;

import java.util.Objects;

import org.medpay.gateway.api.OperatorRef;

/** A signed-in (or verified) person at the till. Never carries the PIN or its hash. */
public record Operator(String code, String name, Role role) {

    public Operator {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** What goes into the gateway envelope as {@code opter} / {@code opter_name}. */
    public OperatorRef ref() {
        return new OperatorRef(code, name);
    }
}
