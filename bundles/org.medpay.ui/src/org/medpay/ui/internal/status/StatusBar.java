package org.medpay.ui.internal.status;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;

/** P-8's status bar: the hint line, the date and time, and the region the till settles with. */
public class StatusBar {

    /** Post a {@link String} here to change the hint line. */
    public static final String TOPIC_HINT = "org/medpay/ui/status/hint";
    /** Post a {@link String} (already a display text) here when the active region's state changes. */
    public static final String TOPIC_REGION = "org/medpay/ui/status/region";
    /** Post a {@link String} (already a display text) here when the signed-in operator changes. */
    public static final String TOPIC_OPERATOR = "org/medpay/ui/status/operator";

    private Label hint;
    private Label region;
    private Label operator;
    private Label clockLabel;
    private Runnable tick;
    private final Clock clock = Clock.systemDefaultZone();
    private final DateTimeFormatter format = DateTimeFormatter.ofPattern(Messages.get("status.datetime"), Messages.locale());

    @PostConstruct
    void create(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).margins(6, 2).spacing(24, 0).applyTo(bar);
        hint = WidgetIds.name(new Label(bar, SWT.NONE), "status.hint");
        hint.setText(Messages.get("status.hint"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(hint);
        operator = WidgetIds.name(new Label(bar, SWT.NONE), "status.operator");
        operator.setText(Messages.get("operator.none"));
        clockLabel = WidgetIds.name(new Label(bar, SWT.NONE), "status.clock");
        region = WidgetIds.name(new Label(bar, SWT.NONE), "status.region");
        String configured = System.getProperty("medpay.region");
        region.setText(configured == null || configured.isBlank() ? Messages.get("status.region.none")
                : Messages.format("status.region", configured));
        Display display = parent.getDisplay();
        tick = () -> {
            if (!clockLabel.isDisposed()) {
                clockLabel.setText(format.format(ZonedDateTime.now(clock)));
                clockLabel.getParent().layout();
                display.timerExec(1000, tick);
            }
        };
        tick.run();
    }

    @Inject
    @Optional
    void onHint(@UIEventTopic(TOPIC_HINT) String text) {
        if (hint != null && !hint.isDisposed()) {
            hint.setText(text);
        }
    }

    @Inject
    @Optional
    void onRegion(@UIEventTopic(TOPIC_REGION) String text) {
        if (region != null && !region.isDisposed()) {
            region.setText(text);
            region.getParent().layout();
        }
    }

    @Inject
    @Optional
    void onOperator(@UIEventTopic(TOPIC_OPERATOR) String text) {
        if (operator != null && !operator.isDisposed()) {
            operator.setText(text);
            operator.getParent().layout();
        }
    }

    @PreDestroy
    void dispose() {
        if (clockLabel != null && !clockLabel.isDisposed()) {
            clockLabel.getDisplay().timerExec(-1, tick);
        }
    }
}
