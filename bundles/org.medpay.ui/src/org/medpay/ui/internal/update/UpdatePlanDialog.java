package org.medpay.ui.internal.update;

import java.util.stream.Collectors;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.update.UpdateChange;
import org.medpay.update.UpdatePlan;

/** Lists every unit an update changes (id, installed → new version) and asks whether to install. */
final class UpdatePlanDialog extends MessageDialog {

    /** {@link WidgetIds} name of the change list. */
    static final String CHANGES_ID = "update.changes";

    private final UpdatePlan plan;

    private UpdatePlanDialog(Shell shell, UpdatePlan plan) {
        super(shell, Messages.get("update.title"), null,
                Messages.format("update.available", plan.changes().size()), MessageDialog.QUESTION,
                new String[] { Messages.get("update.install"), IDialogConstants.CANCEL_LABEL }, 0);
        this.plan = plan;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    static boolean confirm(Shell shell, UpdatePlan plan) {
        return new UpdatePlanDialog(shell, plan).open() == 0;
    }

    @Override
    protected Control createCustomArea(Composite parent) {
        Text list = new Text(parent, SWT.MULTI | SWT.READ_ONLY | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        WidgetIds.name(list, CHANGES_ID);
        list.setText(plan.changes().stream().map(UpdateChange::toString).collect(Collectors.joining("\n")));
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 240).applyTo(list);
        return list;
    }
}
