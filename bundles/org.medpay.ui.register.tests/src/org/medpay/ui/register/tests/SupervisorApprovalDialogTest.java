package org.medpay.ui.register.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.medpay.ui.register.tests.UiHarness.find;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.operator.Operator;
import org.medpay.operator.OperatorService;
import org.medpay.operator.Role;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.operator.SupervisorApprovalDialog;

/** R-4 with the real operator service: a cashier's refund needs a supervisor's PIN; a supervisor's does not. */
class SupervisorApprovalDialogTest {

    private Display display;
    private Shell shell;
    private OperatorService operators;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        operators = UiHarness.await(OperatorService.class);
        display = Display.getDefault();
        shell = new Shell(display);
        shell.open();
    }

    @AfterEach
    void tearDown() {
        operators.signOut();
        for (Shell s : display.getShells()) {
            s.dispose();
        }
    }

    private static Button button(Control c, int id) {
        if (c instanceof Button b && Integer.valueOf(id).equals(b.getData())) {
            return b;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (Control child : comp.getChildren()) {
                Button b = button(child, id);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    @Test
    void aCashiersRefundNeedsASupervisorsPin() throws Exception {
        operators.signIn("1001", "123456".toCharArray());
        SupervisorApprovalDialog d = new SupervisorApprovalDialog(shell, operators);
        d.setBlockOnOpen(false);
        d.open();
        Shell dialog = d.getShell();
        find(dialog, "supervisor.code", Text.class).setText("1001");
        find(dialog, "supervisor.pin", Text.class).setText("123456");
        button(dialog, IDialogConstants.OK_ID).notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        Label message = find(dialog, "supervisor.message", Label.class);
        UiHarness.spinUntil(display, () -> !message.getText().isEmpty(), "the refusal");
        assertEquals("该工号没有主管权限", message.getText(), "a cashier cannot approve their own refund");
        assertFalse(dialog.isDisposed());

        find(dialog, "supervisor.code", Text.class).setText("9001");
        find(dialog, "supervisor.pin", Text.class).setText("654321");
        button(dialog, IDialogConstants.OK_ID).notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        UiHarness.spinUntil(display, () -> d.approvedBy() != null, "the approval");
        assertEquals(Role.SUPERVISOR, d.approvedBy().role());
        assertEquals("1001", operators.requireCurrentRef().code(), "the cashier stays signed in");
    }

    @Test
    void aSignedInSupervisorApprovesByRole() throws Exception {
        Operator sup = operators.signIn("9001", "654321".toCharArray());
        assertEquals(sup, SupervisorApprovalDialog.approve(shell, operators).orElseThrow());
        assertTrue(display.getShells().length == 1, "no prompt was opened");
    }
}
