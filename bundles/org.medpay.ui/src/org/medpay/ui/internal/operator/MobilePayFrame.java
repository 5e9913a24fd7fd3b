package org.medpay.ui.internal.operator;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.medpay.core.sale.Sale;
import org.medpay.operator.Operator;
import org.medpay.operator.OperatorService;
import org.medpay.persistence.DataArea;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.guidance.GuidanceStrip;
import org.medpay.ui.internal.guidance.GuidanceTexts;
import org.medpay.ui.internal.status.StatusBar;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What issue 7 adds around the mobile-pay view's tabs: the sign-in panel (selling and refunds stay disabled
 * until a cashier signs in), the operator bar with sign-out, and the guidance strip. The operator service is
 * tracked, not looked up once, so a service that arrives after the view painted still unlocks it.
 */
public final class MobilePayFrame {

    private final Composite parent;
    private final Control content;
    private final SignInPanel signIn;
    private final Composite operatorBar;
    private final Label operatorName;
    private final GuidanceStrip guidance;
    private final ServiceTracker<OperatorService, OperatorService> tracker;
    private final ServiceTracker<EventAdmin, EventAdmin> events;
    private final Consumer<Optional<Operator>> sessionListener = s -> asyncUpdate();
    private OperatorService listenedTo;
    private boolean shownSignedIn;

    /**
     * @param parent  the view's composite, whose only child so far is {@code content}
     * @param content the tabs: disabled while nobody is signed in
     */
    public static MobilePayFrame install(Composite parent, Control content, Sale sale) {
        return new MobilePayFrame(parent, content, sale);
    }

    private MobilePayFrame(Composite parent, Control content, Sale sale) {
        this.parent = parent;
        this.content = content;
        BundleContext ctx = FrameworkUtil.getBundle(MobilePayFrame.class).getBundleContext();
        GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(parent);

        operatorBar = WidgetIds.name(new Composite(parent, SWT.NONE), "operator.bar");
        GridLayoutFactory.fillDefaults().numColumns(2).margins(8, 2).applyTo(operatorBar);
        operatorName = WidgetIds.name(new Label(operatorBar, SWT.NONE), "operator.name");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(operatorName);
        Button signOut = WidgetIds.name(new Button(operatorBar, SWT.PUSH), "operator.signOut");
        signOut.setText(Messages.get("operator.signOut"));
        signOut.addListener(SWT.Selection, e -> signOut());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(operatorBar);

        signIn = new SignInPanel(parent, this::awaitOperators, op -> update());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(signIn.control());

        Path data = ctx == null ? null : DataArea.resolve(ctx::getProperty);
        guidance = new GuidanceStrip(parent, GuidanceTexts.load(data, System.getProperty("medpay.region")));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(guidance.control());

        operatorBar.moveAbove(content);
        signIn.control().moveAbove(content);
        guidance.control().moveAbove(content);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(content);

        // P-2 is said before the drugs are entered; the first line of a new sale is the latest it still helps.
        boolean[] wasEmpty = { sale.isEmpty() };
        sale.addListener(s -> {
            boolean empty = s.isEmpty();
            if (wasEmpty[0] && !empty && guidance.current() != GuidanceTexts.Line.ASK_PAYMENT) {
                guidance.onSaleStarted();
            }
            wasEmpty[0] = empty;
        });

        events = ctx == null ? null : new ServiceTracker<>(ctx, EventAdmin.class, null);
        tracker = ctx == null ? null : new ServiceTracker<>(ctx, OperatorService.class, null) {
            @Override
            public OperatorService addingService(org.osgi.framework.ServiceReference<OperatorService> ref) {
                OperatorService s = super.addingService(ref);
                asyncUpdate();
                return s;
            }

            @Override
            public void removedService(org.osgi.framework.ServiceReference<OperatorService> ref, OperatorService s) {
                super.removedService(ref, s);
                asyncUpdate();
            }
        };
        if (events != null) {
            events.open();
        }
        if (tracker != null) {
            // After the first paint and off the UI thread: getting the service activates it and the
            // persistence bundle, which must not delay the view's first paint (the start-up benchmark). A
            // sign-in before that opens it itself (open() is idempotent; one background thread).
            Runnable open = () -> {
                if (!parent.isDisposed()) {
                    Async.execute(tracker::open);
                }
            };
            content.addListener(SWT.Paint, new org.eclipse.swt.widgets.Listener() {
                @Override
                public void handleEvent(org.eclipse.swt.widgets.Event e) {
                    content.removeListener(SWT.Paint, this);
                    content.getDisplay().asyncExec(open);
                }
            });
            parent.getDisplay().timerExec(3_000, open);
        }
        parent.addListener(SWT.Dispose, e -> dispose());
        update();
    }

    /**
     * Connects to the operator service now, on the calling (UI) thread, instead of after the first paint.
     * For tests and tools that sign in through the service and need the view to follow at once.
     */
    public void connectNow() {
        if (tracker != null) {
            tracker.open();
        }
        update();
    }

    public GuidanceStrip guidance() {
        return guidance;
    }

    /** For the sign-in thread: a service still starting is worth a short wait. */
    private OperatorService awaitOperators() {
        try {
            if (tracker == null) {
                return null;
            }
            tracker.open();
            return tracker.waitForService(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    OperatorService operators() {
        return tracker == null ? null : tracker.getService();
    }

    private void signOut() {
        OperatorService s = operators();
        if (s != null) {
            s.signOut();
        }
        update();
    }

    private void asyncUpdate() {
        if (!parent.isDisposed()) {
            parent.getDisplay().asyncExec(this::update);
        }
    }

    private void update() {
        if (parent.isDisposed()) {
            return;
        }
        OperatorService s = operators();
        if (s != listenedTo) {
            if (listenedTo != null) {
                listenedTo.removeSessionListener(sessionListener);
            }
            if (s != null) {
                s.addSessionListener(sessionListener);
            }
            listenedTo = s;
        }
        Optional<Operator> op = s == null ? Optional.empty() : s.current();
        boolean signedIn = op.isPresent();
        boolean wasSignedIn = shownSignedIn;
        shownSignedIn = signedIn;
        show(signIn.control(), !signedIn);
        show(operatorBar, signedIn);
        content.setEnabled(signedIn);
        String who = op.map(o -> Messages.format("operator.current", o.name(), o.code()))
                .orElse(Messages.get("operator.none"));
        operatorName.setText(who);
        post(StatusBar.TOPIC_OPERATOR, who);
        if (signedIn && !wasSignedIn) {
            guidance.onSaleStarted();
        } else if (!signedIn) {
            signIn.reset();
            guidance.clear();
        }
        parent.layout(true, true);
        if (!signedIn) {
            signIn.focus();
        }
    }

    private static void show(Control c, boolean visible) {
        c.setVisible(visible);
        ((GridData) c.getLayoutData()).exclude = !visible;
    }

    private void post(String topic, String text) {
        EventAdmin admin = events == null ? null : events.getService();
        if (admin != null) {
            // IEventBroker's wire format, so @UIEventTopic subscribers receive the text as their argument.
            admin.postEvent(new Event(topic, Map.of("org.eclipse.e4.data", text)));
        }
    }

    private void dispose() {
        if (listenedTo != null) {
            listenedTo.removeSessionListener(sessionListener);
        }
        if (tracker != null) {
            tracker.close();
        }
        if (events != null) {
            events.close();
        }
    }
}
