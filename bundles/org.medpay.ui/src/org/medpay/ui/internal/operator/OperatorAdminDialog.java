package org.medpay.ui.internal.operator;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.medpay.operator.OperatorAccount;
import org.medpay.operator.OperatorService;
import org.medpay.operator.Role;
import org.medpay.ui.internal.FormRows;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;

/**
 * 操作员管理 (issue 7): the administrator lists operators, adds one (code, name, role, initial PIN), resets a
 * PIN, ends a lock-out, deactivates or reactivates a code. Every call goes to the {@link OperatorService},
 * which checks again that the signed-in operator is an administrator; the database work runs off the UI
 * thread. A PIN typed here is cleared from the field as soon as it is sent.
 */
public final class OperatorAdminDialog extends Dialog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    static final String[] COLUMNS = { "code", "name", "role", "state" };

    private final OperatorService operators;
    private Table table;
    private Text code;
    private Text name;
    private Combo role;
    private Text pin;
    private Text newPin;
    private Label message;
    private List<OperatorAccount> shown = List.of();

    public OperatorAdminDialog(Shell parent, OperatorService operators) {
        super(parent);
        this.operators = operators;
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.get("operators.title"));
        WidgetIds.name(shell, "operators.dialog");
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.CLOSE_ID, Messages.get("operators.close"), false),
                "operators.close");
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            setReturnCode(OK);
            close();
            return;
        }
        super.buttonPressed(buttonId);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(1).applyTo(area);

        table = WidgetIds.name(new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL),
                "operators.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String c : COLUMNS) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(Messages.get("operators.col." + c));
            col.setWidth(c.equals("state") ? 200 : 120);
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(600, 220).applyTo(table);

        Composite actions = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(6).applyTo(actions);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(actions);
        newPin = FormRows.text(actions, "operators.newPin", "operators.newPin", SWT.BORDER | SWT.PASSWORD, 12, 110,
                false);
        button(actions, "operators.resetPin").addListener(SWT.Selection, e -> resetPin());
        button(actions, "operators.unlock").addListener(SWT.Selection,
                e -> onSelected(a -> () -> operators.unlock(a.code()), "operators.unlocked"));
        button(actions, "operators.deactivate").addListener(SWT.Selection,
                e -> onSelected(a -> () -> operators.deactivate(a.code()), "operators.deactivated"));
        button(actions, "operators.reactivate").addListener(SWT.Selection,
                e -> onSelected(a -> () -> operators.reactivate(a.code()), "operators.reactivated"));

        Group add = FormRows.group(area, "operators.add.title", 9);
        code = FormRows.text(add, "operators.col.code", "operators.add.code", SWT.BORDER, 16, 80, false);
        name = FormRows.text(add, "operators.col.name", "operators.add.name", SWT.BORDER, 64, 100, false);
        FormRows.label(add, "operators.col.role");
        role = WidgetIds.name(new Combo(add, SWT.READ_ONLY | SWT.DROP_DOWN), "operators.add.role");
        for (Role r : Role.values()) {
            role.add(Messages.get("operators.role." + r.name()));
        }
        role.select(0);
        pin = FormRows.text(add, "operators.add.pin", "operators.add.pin", SWT.BORDER | SWT.PASSWORD, 12, 90, false);
        button(add, "operators.add").addListener(SWT.Selection, e -> addOperator());
        pin.addListener(SWT.DefaultSelection, e -> addOperator());

        message = WidgetIds.name(new Label(area, SWT.WRAP), "operators.message");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
        reload(null);
        return area;
    }

    private static Button button(Composite parent, String id) {
        Button b = WidgetIds.name(new Button(parent, SWT.PUSH), id);
        b.setText(Messages.get(id));
        return b;
    }

    /** Reads the list again (off the UI thread); then says {@code done}, when given. */
    private void reload(String done) {
        Async.run(table, operators::list, list -> {
            shown = list;
            String selected = table.getSelectionIndex() < 0 ? null : table.getItem(table.getSelectionIndex()).getText(0);
            table.removeAll();
            for (OperatorAccount a : list) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] { a.code(), a.name(), Messages.get("operators.role." + a.role().name()),
                        state(a) });
                if (a.code().equals(selected)) {
                    table.setSelection(item);
                }
            }
            if (done != null) {
                message.setText(done);
            }
        }, this::failed);
    }

    static String state(OperatorAccount a) {
        if (!a.enabled()) {
            return Messages.get("operators.state.disabled");
        }
        if (a.locked()) {
            return Messages.format("operators.state.locked",
                    a.lockedUntilTime().map(t -> TIME.format(t.atZone(ZoneId.systemDefault()))).orElse("?"));
        }
        return Messages.get("operators.state.active");
    }

    private OperatorAccount selected() {
        int i = table.getSelectionIndex();
        if (i < 0 || i >= shown.size()) {
            message.setText(Messages.get("operators.selectFirst"));
            return null;
        }
        return shown.get(i);
    }

    private interface Change {
        Runnable of(OperatorAccount a);
    }

    private void onSelected(Change change, String doneKey) {
        OperatorAccount a = selected();
        if (a == null) {
            return;
        }
        Runnable work = change.of(a);
        call(() -> {
            work.run();
            return null;
        }, Messages.format(doneKey, a.name(), a.code()));
    }

    private void resetPin() {
        OperatorAccount a = selected();
        if (a == null) {
            return;
        }
        char[] p = newPin.getTextChars();
        newPin.setText("");
        call(() -> {
            try {
                operators.resetPin(a.code(), p);
                return null;
            } finally {
                Arrays.fill(p, '\0');
            }
        }, Messages.format("operators.pinReset", a.name(), a.code()));
    }

    private void addOperator() {
        String c = code.getText().strip();
        String n = name.getText().strip();
        Role r = Role.values()[Math.max(0, role.getSelectionIndex())];
        char[] p = pin.getTextChars();
        pin.setText("");
        call(() -> {
            try {
                operators.create(c, n, r, p);
                return null;
            } finally {
                Arrays.fill(p, '\0');
            }
        }, Messages.format("operators.added", n, c), () -> {
            // Cleared once added; a refusal keeps what was typed (but never the PIN).
            code.setText("");
            name.setText("");
            role.select(0);
        });
    }

    private void call(Callable<Object> work, String done) {
        call(work, done, () -> { });
    }

    private void call(Callable<Object> work, String done, Runnable onSuccess) {
        message.setText(Messages.get("operators.working"));
        Async.run(table, work, ok -> {
            onSuccess.run();
            reload(done);
        }, this::failed);
    }

    private void failed(Throwable e) {
        if (message.isDisposed()) {
            return;
        }
        if (e instanceof IllegalStateException) {
            message.setText(Messages.get("operators.adminOnly"));
        } else if (e instanceof IllegalArgumentException iae) {
            message.setText(Messages.format("operators.refused", reason(iae.getMessage())));
        } else {
            message.setText(Messages.get("operators.failed"));
        }
    }

    /** The service's reasons, in the cashier's language. */
    private static String reason(String serviceMessage) {
        String m = serviceMessage == null ? "" : serviceMessage;
        if (m.startsWith("PIN")) {
            return Messages.get("operators.reason.pin");
        }
        if (m.startsWith("operator code must")) {
            return Messages.get("operators.reason.code");
        }
        if (m.startsWith("operator code exists")) {
            return Messages.get("operators.reason.exists");
        }
        if (m.startsWith("operator name")) {
            return Messages.get("operators.reason.name");
        }
        if (m.startsWith("an administrator cannot")) {
            return Messages.get("operators.reason.self");
        }
        if (m.startsWith("no such operator")) {
            return Messages.get("operators.reason.unknown");
        }
        return m;
    }
}
