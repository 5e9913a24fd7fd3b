package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.handlers.OpenMobilePayHandler;
import org.osgi.framework.Bundle;

/**
 * Boots the real e4 workbench from Application.e4xmi on the UI thread and runs a cashier's script on a second
 * thread, as a person at the till would act: it reads and touches widgets through {@link #ui}, types through
 * the X server ({@link #type}) and waits by polling the display with a timeout ({@link #await}), never by
 * sleeping a fixed time before an assertion. Modal dialogs the product opens run their own event loop on the
 * UI thread; the script keeps working meanwhile. When the script ends (or fails), every dialog is closed and
 * the workbench shuts down.
 */
@SuppressWarnings("restriction")
final class WorkbenchScript {

    @FunctionalInterface
    interface Script {
        void run(WorkbenchScript ui) throws Exception;
    }

    static final long TIMEOUT_MS = 30_000;

    final Display display;
    final MApplication model;

    private WorkbenchScript(Display display, MApplication model) {
        this.display = display;
        this.model = model;
    }

    /** Runs {@code script} against a freshly started workbench; rethrows what the script threw. */
    static void run(Script script) throws Exception {
        Display display = Display.getDefault();
        E4Application app = new E4Application();
        E4Workbench workbench = app.createE4Workbench(new TestAppContext(), display);
        MApplication model = workbench.getApplication();
        WorkbenchScript ui = new WorkbenchScript(display, model);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                script.run(ui);
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                display.asyncExec(() -> {
                    for (Shell s : display.getShells()) {
                        if (s != ui.mainShell() && !s.isDisposed()) {
                            s.dispose(); // ends a modal dialog's loop, whatever it is waiting for
                        }
                    }
                    display.asyncExec(workbench::close);
                });
            }
        }, "cashier-script");
        t.setDaemon(true);
        display.asyncExec(t::start);
        workbench.createAndRunUI(model);
        t.join(TIMEOUT_MS);
        Throwable f = failure.get();
        if (f instanceof Exception e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
    }

    /** Runs on the UI thread and returns its value; what it throws is thrown here. */
    <T> T ui(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(work.call());
            } catch (Throwable e) {
                error.set(e);
            }
        });
        Throwable e = error.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
        return result.get();
    }

    void uiRun(Runnable work) {
        ui(() -> {
            work.run();
            return null;
        });
    }

    /** Polls the condition on the UI thread every 20 ms until it holds; fails after {@link #TIMEOUT_MS}. */
    void await(String what, BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    /** As {@link #await(String, BooleanSupplier)}; {@code detail} (run on the UI thread) explains a timeout. */
    void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> detail) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!ui(condition::getAsBoolean)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what + " " + ui(detail::get));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    Shell mainShell() {
        return model.getChildren().isEmpty() ? null : (Shell) model.getChildren().get(0).getWidget();
    }

    MPart part(String id) {
        return ui(() -> (MPart) model.getContext().get(EModelService.class).find(id, model));
    }

    EPartService parts() {
        return ui(() -> model.getChildren().get(0).getContext().get(EPartService.class));
    }

    /** Waits for the main window and the mobile-pay view to be on screen. */
    void awaitMainWindow() {
        await("the workbench window is visible", () -> mainShell() != null && mainShell().isVisible());
        MPart mobilePay = part(OpenMobilePayHandler.PART_ID);
        await("the mobile-pay view is created", () -> mobilePay.getObject() != null && mobilePay.getWidget() != null);
    }

    /** The widget with this id below {@code root}, or fails. From any thread (looked up on the UI thread). */
    static <W extends Widget> W find(Control root, String id, Class<W> type) {
        Display d = root.getDisplay();
        if (d.getThread() != Thread.currentThread()) {
            AtomicReference<Widget> found = new AtomicReference<>();
            d.syncExec(() -> found.set(WidgetIds.find(root, id)));
            return checked(found.get(), root, id, type);
        }
        return checked(WidgetIds.find(root, id), root, id, type);
    }

    private static <W extends Widget> W checked(Widget w, Control root, String id, Class<W> type) {
        if (w == null) {
            throw new AssertionError("no widget " + id + " under " + root);
        }
        return type.cast(w);
    }

    /** A visible shell named {@code id} (a dialog the product opened), or {@code null}. Call on the UI thread. */
    Shell shell(String id) {
        for (Shell s : display.getShells()) {
            if (!s.isDisposed() && s.isVisible() && id.equals(s.getData(WidgetIds.KEY))) {
                return s;
            }
        }
        return null;
    }

    /** Waits for a dialog shell named {@code id}. */
    Shell awaitShell(String id) {
        await("the dialog " + id + " is open", () -> shell(id) != null);
        return ui(() -> shell(id));
    }

    /**
     * Gives {@code control} the keyboard focus the way X does without a window manager (the pointer over its
     * shell), then types {@code keys} through the X server, {@code gapMs} apart ('\r' is Enter, '\t' Tab, '\u001b' Escape).
     */
    void type(Control control, String keys, long gapMs) {
        focus(control);
        for (char c : keys.toCharArray()) {
            post(SWT.KeyDown, c, 0);
            post(SWT.KeyUp, c, 0);
            pause(gapMs);
        }
        ui(() -> null); // the keys are in the queue ahead of this: let them be dispatched
    }

    void focus(Control control) {
        uiRun(() -> {
            Shell s = control.getShell();
            Rectangle b = control.getDisplay().map(control.getParent(), null, control.getBounds());
            Event move = new Event();
            move.type = SWT.MouseMove;
            move.x = b.x + Math.min(b.width / 2, 10);
            move.y = b.y + b.height / 2;
            display.post(move);
            s.forceActive();
            control.setFocus();
        });
        await("the field " + ui(() -> control.getData(WidgetIds.KEY)) + " has the keyboard focus",
                () -> control.isFocusControl());
    }

    /** A key with a modifier held, e.g. Alt+G for the mnemonic of 扫码结算(G). */
    void chord(int modifier, char c) {
        post(SWT.KeyDown, (char) 0, modifier);
        post(SWT.KeyDown, c, 0);
        post(SWT.KeyUp, c, 0);
        post(SWT.KeyUp, (char) 0, modifier);
        ui(() -> null);
    }

    private void post(int type, char c, int keyCode) {
        Event e = new Event();
        e.type = type;
        e.character = c;
        e.keyCode = keyCode != 0 ? keyCode : (c == '\r' || c == '\t' || c == SWT.ESC ? c : 0);
        assertTrue(display.post(e), "the X server accepted the key");
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The launcher's application context, reduced to what E4Application reads. */
    static final class TestAppContext implements IApplicationContext {
        private final Map<String, String> branding = Map.of(
                "applicationXMI", "org.medpay.ui/Application.e4xmi",
                "clearPersistedState", "true",
                "persistState", "false");

        @Override
        public Map<String, Object> getArguments() {
            return Map.of(IApplicationContext.APPLICATION_ARGS, new String[0]);
        }

        @Override
        public void applicationRunning() {
        }

        @Override
        public String getBrandingApplication() {
            return "org.eclipse.e4.ui.workbench.swt.E4Application";
        }

        @Override
        public String getBrandingName() {
            return "MedPay";
        }

        @Override
        public String getBrandingDescription() {
            return "MedPay";
        }

        @Override
        public String getBrandingId() {
            return "org.medpay.ui.product";
        }

        @Override
        public String getBrandingProperty(String key) {
            return branding.get(key);
        }

        @Override
        public Bundle getBrandingBundle() {
            return org.osgi.framework.FrameworkUtil.getBundle(OpenMobilePayHandler.class);
        }

        @Override
        public void setResult(Object result, IApplication application) {
        }
    }
}
