package org.medpay.ui.internal;

import jakarta.annotation.PostConstruct;

import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** The till's resting screen: what to press to take a mobile payment (P-7). */
public class HomePart {

    public static final String OPEN_MOBILE_PAY_COMMAND = "org.medpay.ui.command.openMobilePay";

    @PostConstruct
    void create(Composite parent, ECommandService commands, EHandlerService handlers) {
        GridLayoutFactory.swtDefaults().margins(24, 24).spacing(12, 12).applyTo(parent);
        Label welcome = new Label(parent, SWT.NONE);
        welcome.setText(Messages.get("home.welcome"));
        Label hint = new Label(parent, SWT.WRAP);
        hint.setText(Messages.get("home.hint"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(hint);
        Button open = WidgetIds.name(new Button(parent, SWT.PUSH), "home.openMobilePay");
        open.setText(Messages.get("home.openMobilePay"));
        open.addListener(SWT.Selection,
                e -> handlers.executeHandler(commands.createCommand(OPEN_MOBILE_PAY_COMMAND, null)));
    }
}
