package org.medpay.ui.internal.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;
import org.medpay.operator.OperatorService;
import org.medpay.operator.Role;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.operator.OperatorAdminDialog;

/**
 * 操作员管理 (issue 7): administrators only. The tool item is hidden for everyone else
 * ({@link org.medpay.ui.internal.operator.AdminItemsAddon}), the command is disabled, and should it still be
 * run (a key binding, a script) it refuses; the operator service checks the role once more on every call.
 */
public class ManageOperatorsHandler {

    public static final String COMMAND_ID = "org.medpay.ui.command.manageOperators";

    static boolean isAdmin(OperatorService operators) {
        return operators != null && operators.current().map(o -> o.role() == Role.ADMIN).orElse(false);
    }

    @CanExecute
    boolean canExecute(@Optional @Service OperatorService operators) {
        return isAdmin(operators);
    }

    @Execute
    void execute(Shell shell, @Optional @Service OperatorService operators) {
        if (!isAdmin(operators)) {
            MessageDialog.openError(shell, Messages.get("operators.title"), Messages.get("operators.adminOnly"));
            return;
        }
        new OperatorAdminDialog(shell, operators).open();
    }
}
