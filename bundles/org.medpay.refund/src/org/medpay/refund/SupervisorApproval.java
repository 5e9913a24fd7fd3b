package org.medpay.refund;

/**
 * Checks a supervisor's code and PIN for a refund. Register one as an OSGi service (the operator service
 * does); while one is present every roll back needs a valid approval. Without one, the till has no
 * supervisors configured and refunds need none.
 */
public interface SupervisorApproval {

    /** @return true when this supervisor may approve refunds and the PIN is right */
    boolean approve(String supervisorCode, String pin);
}
