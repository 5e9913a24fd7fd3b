package org.medpay.ui.internal.operator;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.medpay.operator.Operator;
import org.medpay.operator.OperatorService;
import org.medpay.operator.SignInException;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;

/**
 * Operator code + PIN, inside the mobile-pay view (not a start-up dialog: the view must paint at once). The
 * check runs off the UI thread; a refusal keeps the code, clears the PIN and says why.
 */
public final class SignInPanel {

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm");

    private final Composite control;
    private final Text code;
    private final Text pin;
    private final Button submit;
    private final Label message;
    private final Supplier<OperatorService> operators;
    private final Consumer<Operator> onSignedIn;

    public SignInPanel(Composite parent, Supplier<OperatorService> operators, Consumer<Operator> onSignedIn) {
        this.operators = operators;
        this.onSignedIn = onSignedIn;
        control = WidgetIds.name(new Composite(parent, SWT.BORDER), "signin.panel");
        GridLayoutFactory.swtDefaults().numColumns(6).margins(10, 8).applyTo(control);
        Label title = new Label(control, SWT.NONE);
        title.setText(Messages.get("signin.title"));
        GridDataFactory.fillDefaults().span(6, 1).applyTo(title);
        new Label(control, SWT.NONE).setText(Messages.get("signin.code"));
        code = WidgetIds.name(new Text(control, SWT.BORDER), "signin.code");
        code.setTextLimit(16);
        GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(code);
        new Label(control, SWT.NONE).setText(Messages.get("signin.pin"));
        pin = WidgetIds.name(new Text(control, SWT.BORDER | SWT.PASSWORD), "signin.pin");
        pin.setTextLimit(12);
        GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(pin);
        submit = WidgetIds.name(new Button(control, SWT.PUSH), "signin.submit");
        submit.setText(Messages.get("signin.submit"));
        message = WidgetIds.name(new Label(control, SWT.WRAP), "signin.message");
        message.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
        code.addListener(SWT.DefaultSelection, e -> pin.setFocus());
        pin.addListener(SWT.DefaultSelection, e -> signIn());
        submit.addListener(SWT.Selection, e -> signIn());
    }

    public Control control() {
        return control;
    }

    public void focus() {
        (code.getText().isBlank() ? code : pin).setFocus();
    }

    /** Called when shown again after a sign-out: nothing of the last operator stays on screen. */
    public void reset() {
        pin.setText("");
        message.setText("");
        submit.setEnabled(true);
    }

    private void signIn() {
        String c = code.getText().strip();
        char[] p = pin.getTextChars();
        if (c.isEmpty() || p.length == 0) {
            message.setText(Messages.get("signin.missing"));
            return;
        }
        submit.setEnabled(false);
        message.setText(Messages.get("signin.checking"));
        Async.run(control, () -> {
            try {
                OperatorService service = operators.get();
                if (service == null) {
                    throw new SignInException(SignInException.Reason.UNAVAILABLE, null, -1);
                }
                return service.signIn(c, p);
            } finally {
                Arrays.fill(p, '\0');
            }
        }, op -> {
            submit.setEnabled(true);
            pin.setText("");
            message.setText("");
            onSignedIn.accept(op);
        }, error -> {
            submit.setEnabled(true);
            pin.setText("");
            message.setText(describe(error));
            control.layout(true, true);
            pin.setFocus();
        });
    }

    static String describe(Throwable error) {
        if (!(error instanceof SignInException e)) {
            return Messages.get("signin.unavailable");
        }
        return switch (e.reason()) {
            case WRONG_CODE_OR_PIN -> e.attemptsLeft() > 0 ? Messages.format("signin.wrong.left", e.attemptsLeft())
                    : Messages.get("signin.wrong");
            case LOCKED -> Messages.format("signin.locked", OperatorService.MAX_FAILURES,
                    e.lockedUntil().map(t -> UNTIL.format(t.atZone(ZoneId.systemDefault()))).orElse("?"));
            case DISABLED -> Messages.get("signin.disabled");
            case NOT_SUPERVISOR -> Messages.get("signin.notSupervisor");
            case UNAVAILABLE -> Messages.get("signin.unavailable");
        };
    }
}
