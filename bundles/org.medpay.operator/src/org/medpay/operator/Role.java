package org.medpay.operator;

/** What an operator may do. Ordered by power: each role may do what the ones before it may. */
public enum Role {
    /** Sells and takes payments. */
    CASHIER,
    /** A cashier who may also approve refunds with their own PIN. */
    SUPERVISOR,
    /** Manages operators; also a supervisor. */
    ADMIN;

    public boolean mayApproveRefunds() {
        return this != CASHIER;
    }
}
