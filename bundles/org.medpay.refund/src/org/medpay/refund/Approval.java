package org.medpay.refund;

/** A supervisor's code and PIN as typed; the PIN is never logged or stored. */
public record Approval(String supervisorCode, String pin) {

    @Override
    public String toString() {
        return "Approval[" + supervisorCode + "]";
    }
}
