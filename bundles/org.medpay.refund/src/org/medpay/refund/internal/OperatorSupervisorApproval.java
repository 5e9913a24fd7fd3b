package org.medpay.refund.internal;

import org.medpay.operator.OperatorService;
import org.medpay.operator.SignInException;
import org.medpay.refund.SupervisorApproval;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Refunds need a supervisor (issue 7, R-4): the operator service checks the code and PIN, with the same
 * lock-out as sign-in. While the operator service runs, no roll back goes out without it.
 */
@Component(service = SupervisorApproval.class)
public final class OperatorSupervisorApproval implements SupervisorApproval {

    private final OperatorService operators;

    @Activate
    public OperatorSupervisorApproval(@Reference OperatorService operators) {
        this.operators = operators;
    }

    @Override
    public boolean approve(String supervisorCode, String pin) {
        if (supervisorCode == null || pin == null) {
            return false;
        }
        try {
            operators.verifySupervisor(supervisorCode, pin.toCharArray());
            return true;
        } catch (SignInException e) {
            return false;
        }
    }
}
