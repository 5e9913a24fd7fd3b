package org.medpay.ui.internal.operator;

import java.util.Arrays;
import java.util.Optional;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.medpay.operator.Operator;
import org.medpay.operator.OperatorService;
import org.medpay.ui.internal.FormRows;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;

/**
 * Refund approval: a supervisor signed in approves by role; a cashier needs a supervisor's code and
 * PIN at the confirmation. The check runs off the UI thread and counts towards the same lock-out.
 */
public class SupervisorApprovalDialog extends Dialog {

    private final OperatorService operators;
    private Text code;
    private Text pin;
    private Label message;
    private Operator approvedBy;

    /**
     * The refund flow's entry point.
     *
     * @return the approving supervisor, or empty when cancelled (the refund must then not go ahead)
     */
    public static Optional<Operator> approve(Shell shell, OperatorService operators) {
        Optional<Operator> current = operators.current();
        if (current.isPresent() && current.get().role().mayApproveRefunds()) {
            return current;
        }
        SupervisorApprovalDialog d = new SupervisorApprovalDialog(shell, operators);
        return d.open() == OK ? Optional.ofNullable(d.approvedBy()) : Optional.empty();
    }

    public SupervisorApprovalDialog(Shell shell, OperatorService operators) {
        super(shell);
        this.operators = operators;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.get("supervisor.title"));
        WidgetIds.name(shell, "supervisor.dialog");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(area);
        Label prompt = new Label(area, SWT.WRAP);
        prompt.setText(Messages.get("supervisor.prompt"));
        GridDataFactory.fillDefaults().span(2, 1).applyTo(prompt);
        code = FormRows.text(area, "signin.code", "supervisor.code", SWT.BORDER, 0, 160, true);
        pin = FormRows.text(area, "signin.pin", "supervisor.pin", SWT.BORDER | SWT.PASSWORD, 0, SWT.DEFAULT, true);
        message = FormRows.problem(area, "supervisor.message", SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(message);
        return area;
    }

    @Override
    protected void okPressed() {
        String c = code.getText().strip();
        char[] p = pin.getTextChars();
        if (c.isEmpty() || p.length == 0) {
            message.setText(Messages.get("signin.missing"));
            return;
        }
        getButton(IDialogConstants.OK_ID).setEnabled(false);
        Async.run(getShell(), () -> {
            try {
                return operators.verifySupervisor(c, p);
            } finally {
                Arrays.fill(p, '\0');
            }
        }, op -> {
            approvedBy = op;
            setReturnCode(OK);
            close();
        }, error -> {
            getButton(IDialogConstants.OK_ID).setEnabled(true);
            pin.setText("");
            message.setText(SignInPanel.describe(error));
            getShell().layout(true, true);
        });
    }

    public Operator approvedBy() {
        return approvedBy;
    }
}
