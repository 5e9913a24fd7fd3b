package org.medpay.ui.internal.register;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.eclipse.swt.widgets.Text;
import org.medpay.core.money.Money;
import org.medpay.core.sale.Sale;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.register.BuyerRole;
import org.medpay.register.ComplianceRegister;
import org.medpay.register.FieldError;
import org.medpay.register.IdType;
import org.medpay.register.Person;
import org.medpay.register.RegisterEntry;
import org.medpay.register.RegisterEntryDraft;
import org.medpay.register.RegisterValidationException;
import org.medpay.ui.internal.FormRows;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.operator.Async;

/**
 * The P-1 register form the settlement flow opens when {@link ComplianceRegister#entryRequired} says so. The
 * drugs, amounts per leg, operator and time are filled in automatically; the cashier types the people. Each
 * bad field gets its own message; nothing typed is lost on a refusal. OK stores the entry (off the UI
 * thread) and closes only once it is stored.
 */
public class RegisterEntryDialog extends Dialog {

    /** Field keys of {@link FieldError#field()} that have their own input; the rest go to the general line. */
    private static final List<String> FIELDS = List.of("buyer.name", "buyer.idType", "buyer.idNumber", "buyer.phone",
            "buyer.ssNo", "relationship", "insured.name", "insured.idType", "insured.idNumber", "insured.phone",
            "insured.ssNo");

    private final ComplianceRegister register;
    private final RegisterEntryDraft base;
    private final Map<String, Control> inputs = new HashMap<>();
    private final Map<String, Label> errors = new HashMap<>();
    private Button insuredRole;
    private Button proxyRole;
    private Group proxyGroup;
    private Text prescription;
    private Label general;
    private RegisterEntry result;

    /**
     * The settlement flow's entry point: opens the form for this sale and blocks until it is stored or
     * cancelled.
     *
     * @return the stored entry, or empty when the cashier cancelled (the payment must then not settle)
     */
    public static Optional<RegisterEntry> open(Shell shell, ComplianceRegister register, Sale snapshot,
            Money insuranceAmount, Money channelAmount, OperatorRef operator) {
        RegisterEntryDialog d = new RegisterEntryDialog(shell, register,
                RegisterEntryDraft.forSale(snapshot, insuranceAmount, channelAmount, operator));
        return d.open() == OK ? Optional.ofNullable(d.result()) : Optional.empty();
    }

    public RegisterEntryDialog(Shell shell, ComplianceRegister register, RegisterEntryDraft base) {
        super(shell);
        this.register = register;
        this.base = base;
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.get("register.form.title"));
        WidgetIds.name(shell, "register.form");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(1).applyTo(area);

        Label summary = WidgetIds.name(new Label(area, SWT.WRAP), "register.summary");
        summary.setText(Messages.format("register.form.summary", base.lines().size(), base.total().format(),
                base.insuranceAmount().format(), base.channelAmount().format(),
                base.operator() == null ? "-" : base.operator().name()));
        GridDataFactory.fillDefaults().grab(true, false).hint(560, SWT.DEFAULT).applyTo(summary);

        Group buyer = FormRows.group(area, "register.form.buyer", 3);
        person(buyer, "buyer");

        Composite roles = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(roles);
        FormRows.label(roles, "register.form.role");
        insuredRole = WidgetIds.name(new Button(roles, SWT.RADIO), "register.role.insured");
        insuredRole.setText(Messages.get("register.form.role.insured"));
        insuredRole.setSelection(true);
        proxyRole = WidgetIds.name(new Button(roles, SWT.RADIO), "register.role.proxy");
        proxyRole.setText(Messages.get("register.form.role.proxy"));
        proxyRole.addListener(SWT.Selection, e -> updateProxy());
        insuredRole.addListener(SWT.Selection, e -> updateProxy());

        proxyGroup = WidgetIds.name(FormRows.group(area, "register.form.insured", 3), "register.proxyGroup");
        text(proxyGroup, "relationship", 0);
        person(proxyGroup, "insured");

        Composite more = new Composite(area, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(more);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(more);
        prescription = FormRows.text(more, "register.field.prescriptionNo", "register.prescriptionNo", SWT.BORDER, 0,
                SWT.DEFAULT, true);

        general = FormRows.problem(area, "register.error.general", SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(general);
        updateProxy();
        return area;
    }

    private void person(Composite parent, String prefix) {
        text(parent, prefix + ".name", 30);
        FormRows.label(parent, "register.field.idType");
        Combo type = WidgetIds.name(new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN), "register." + prefix + ".idType");
        for (IdType t : IdType.values()) {
            type.add(Messages.get("register.idType." + t.name()));
        }
        type.select(0);
        inputs.put(prefix + ".idType", type);
        errorLabel(parent, prefix + ".idType");
        text(parent, prefix + ".idNumber", 20);
        text(parent, prefix + ".phone", 11);
        text(parent, prefix + ".ssNo", 20);
    }

    private void text(Composite parent, String field, int limit) {
        String labelKey = "register.field." + field.substring(field.indexOf('.') + 1);
        Text t = FormRows.text(parent, field.equals("relationship") ? "register.field.relationship" : labelKey,
                "register." + field, SWT.BORDER, limit, 200, true);
        inputs.put(field, t);
        errorLabel(parent, field);
    }

    private void errorLabel(Composite parent, String field) {
        Label l = FormRows.problem(parent, "register.error." + field, SWT.NONE);
        GridDataFactory.fillDefaults().hint(260, SWT.DEFAULT).applyTo(l);
        errors.put(field, l);
    }

    private void updateProxy() {
        boolean proxy = proxyRole.getSelection();
        proxyGroup.setEnabled(proxy);
        for (Control c : proxyGroup.getChildren()) {
            c.setEnabled(proxy);
        }
        if (!proxy) {
            for (String f : FIELDS) {
                if (f.startsWith("insured.") || f.equals("relationship")) {
                    errors.get(f).setText("");
                }
            }
        }
    }

    private String value(String field) {
        Control c = inputs.get(field);
        return c instanceof Text t ? t.getText() : "";
    }

    private Person readPerson(String prefix) {
        Combo type = (Combo) inputs.get(prefix + ".idType");
        IdType idType = type.getSelectionIndex() < 0 ? null : IdType.values()[type.getSelectionIndex()];
        return new Person(value(prefix + ".name"), idType, value(prefix + ".idNumber"), value(prefix + ".phone"),
                value(prefix + ".ssNo"));
    }

    /** The draft as the form stands now. */
    public RegisterEntryDraft draft() {
        BuyerRole role = proxyRole.getSelection() ? BuyerRole.PROXY : BuyerRole.INSURED;
        return base.withPeople(readPerson("buyer"), role, value("relationship"),
                role == BuyerRole.PROXY ? readPerson("insured") : null, prescription.getText());
    }

    @Override
    protected void okPressed() {
        RegisterEntryDraft draft = draft();
        List<FieldError> problems = register.validate(draft);
        showErrors(problems);
        if (!problems.isEmpty()) {
            return;
        }
        Button ok = getButton(IDialogConstants.OK_ID);
        ok.setEnabled(false);
        general.setText(Messages.get("register.form.saving"));
        Async.run(getShell(), () -> register.record(draft), entry -> {
            result = entry;
            setReturnCode(OK);
            close();
        }, error -> {
            ok.setEnabled(true);
            if (error instanceof RegisterValidationException v) {
                showErrors(v.errors());
            } else {
                general.setText(Messages.get("register.form.saveFailed"));
            }
        });
    }

    private void showErrors(List<FieldError> problems) {
        errors.values().forEach(l -> l.setText(""));
        StringBuilder rest = new StringBuilder();
        for (FieldError e : problems) {
            Label l = errors.get(e.field());
            if (l != null) {
                l.setText(e.message());
            } else {
                rest.append(rest.isEmpty() ? "" : "; ").append(e.message());
            }
        }
        general.setText(rest.toString());
        getShell().layout(true, true);
        problems.stream().map(e -> inputs.get(e.field())).filter(c -> c != null && c.isEnabled()).findFirst()
                .ifPresent(Control::setFocus);
    }

    /** The stored entry once OK succeeded; {@code null} before or after a cancel. */
    public RegisterEntry result() {
        return result;
    }
}
