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
import org.medpay.payment.PaymentService;
import org.medpay.payment.RegionInfo;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * P-8's status bar: the hint line, the date and time, and the region the till settles with. The region
 * label follows the payment service's active region and its gateway (issue 8, hot swap): a region bundle
 * stopped, updated or uninstalled while the till runs shows as "gateway unavailable" at once, and its
 * return as the region again. The payment service reports on its own threads; the label changes on the
 * UI thread (asyncExec).
 */
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
    private ServiceTracker<PaymentService, PaymentService> payments;
    private final Runnable regionChanged = this::refreshRegion;
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
        trackPayments();
        tick = () -> {
            if (!clockLabel.isDisposed()) {
                clockLabel.setText(format.format(ZonedDateTime.now(clock)));
                clockLabel.getParent().layout();
                display.timerExec(1000, tick);
            }
        };
        tick.run();
    }

    /** The text of the region label for the payment service's state now (any thread). */
    public static String regionText(PaymentService service) {
        if (service == null) {
            return Messages.get("status.region.none");
        }
        RegionInfo region = service.activeRegion().orElse(null);
        if (region == null) {
            String code = service.activeRegionCode();
            return code == null || code.isBlank() ? Messages.get("status.region.none")
                    : Messages.format("status.region.unavailable", code);
        }
        return Messages.format("status.region", region.displayName() + " " + region.code()
                + (region.training() ? " " + Messages.get("settle.trainingShort") : ""));
    }

    private void trackPayments() {
        var bundle = FrameworkUtil.getBundle(StatusBar.class);
        BundleContext bc = bundle == null ? null : bundle.getBundleContext();
        if (bc == null) {
            return;
        }
        payments = new ServiceTracker<>(bc, PaymentService.class, null) {
            @Override
            public PaymentService addingService(ServiceReference<PaymentService> reference) {
                PaymentService s = super.addingService(reference);
                if (s != null) {
                    s.addRegionListener(regionChanged);
                    showRegionOf(s); // not yet the tracker's service while it is being added
                }
                return s;
            }

            @Override
            public void removedService(ServiceReference<PaymentService> reference, PaymentService service) {
                service.removeRegionListener(regionChanged);
                super.removedService(reference, service);
                refreshRegion();
            }
        };
        payments.open();
    }

    private void refreshRegion() {
        ServiceTracker<PaymentService, PaymentService> t = payments;
        if (t != null) {
            showRegionOf(t.getService());
        }
    }

    /** Any thread: computes the text where it is called, shows it on the UI thread. */
    private void showRegionOf(PaymentService service) {
        Label label = region;
        if (label == null || label.isDisposed()) {
            return;
        }
        String text;
        try {
            text = regionText(service);
        } catch (RuntimeException e) {
            return; // the service is going away; its removal refreshes again
        }
        Display display = label.getDisplay();
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> onRegion(text));
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
        ServiceTracker<PaymentService, PaymentService> t = payments;
        payments = null;
        if (t != null) {
            t.close(); // removedService drops the region listener
        }
        if (clockLabel != null && !clockLabel.isDisposed()) {
            clockLabel.getDisplay().timerExec(-1, tick);
        }
    }
}
