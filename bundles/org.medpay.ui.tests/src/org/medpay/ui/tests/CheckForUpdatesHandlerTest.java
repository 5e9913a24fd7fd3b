package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.update.CheckForUpdatesHandler;
import org.medpay.update.UpdateGuard;
import org.medpay.update.UpdateService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * 检查更新 with the real update service (DS, Config Admin, p2) in a real shell: administrator only,
 * refused while a payment is open, and an unreachable update server is said in plain Chinese.
 */
class CheckForUpdatesHandlerTest {

    private Display display;
    private Shell shell;
    private IEclipseContext ctx;
    private BundleContext bundles;
    private Configuration config;
    private ServiceRegistration<UpdateGuard> guard;
    private UpdateService updates;
    private String nlBefore;

    @BeforeEach
    void setUp() throws Exception {
        nlBefore = System.getProperty("osgi.nl");
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        display = Display.getDefault();
        shell = new Shell(display);
        bundles = FrameworkUtil.getBundle(CheckForUpdatesHandler.class).getBundleContext();
        updates = await(UpdateService.class);
        config = await(ConfigurationAdmin.class).getConfiguration(UpdateService.PID, "?");
        ctx = EclipseContextFactory.getServiceContext(bundles).createChild();
        ctx.set(Shell.class, shell);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (guard != null) {
            guard.unregister();
        }
        if (config.getProperties() != null) {
            config.delete();
        }
        ctx.dispose();
        shell.dispose();
        if (nlBefore == null) {
            System.clearProperty("osgi.nl");
        } else {
            System.setProperty("osgi.nl", nlBefore);
        }
        Messages.reset();
    }

    @Test
    void onlyAnAdministratorTillCanCheck() throws Exception {
        CheckForUpdatesHandler handler = ContextInjectionFactory.make(CheckForUpdatesHandler.class, ctx);
        assertFalse((Boolean) ContextInjectionFactory.invoke(handler, CanExecute.class, ctx),
                "a cashier's till must not offer updates");

        configure("http://127.0.0.1:1/");
        assertTrue((Boolean) ContextInjectionFactory.invoke(handler, CanExecute.class, ctx));
    }

    @Test
    void anUnreachableUpdateServerIsNamedInTheMessage() throws Exception {
        String repository = "http://127.0.0.1:" + closedPort() + "/workstation/";
        configure(repository);

        List<String> shown = runAndCloseDialog();

        String text = String.join("\n", shown);
        assertTrue(text.contains("无法连接更新服务器"), text);
        assertTrue(text.contains(repository), text);
    }

    @Test
    void anOpenPaymentRefusesBeforeAnythingIsChecked() throws Exception {
        configure("http://127.0.0.1:" + closedPort() + "/");
        guard = bundles.registerService(UpdateGuard.class, () -> Optional.of("有未完成的支付"), null);

        List<String> shown = runAndCloseDialog();

        String text = String.join("\n", shown);
        assertTrue(text.contains("现在不能更新：有未完成的支付"), text);
        assertFalse(text.contains("无法连接"), "the repository must not even be asked: " + text);
    }

    private void configure(String repositories) throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("admin", "true");
        props.put("repositories", repositories);
        config.update(props);
        long end = System.currentTimeMillis() + 10_000;
        while (!updates.administratorMode() || !updates.repositories().toString().contains(repositories)) {
            assertTrue(System.currentTimeMillis() < end, "Config Admin did not reach the update service");
            Thread.sleep(20);
        }
    }

    /** Runs the command; the first 检查更新 message box it opens is read and closed. */
    private List<String> runAndCloseDialog() {
        List<String> texts = new ArrayList<>();
        long end = System.currentTimeMillis() + 60_000;
        Runnable watcher = new Runnable() {
            @Override
            public void run() {
                for (Shell s : display.getShells()) {
                    if (s != shell && !s.isDisposed() && Messages.get("update.title").equals(s.getText())) {
                        collect(s, texts);
                        s.close();
                        return;
                    }
                }
                if (System.currentTimeMillis() < end) {
                    display.timerExec(50, this);
                }
            }
        };
        display.timerExec(50, watcher);
        CheckForUpdatesHandler handler = ContextInjectionFactory.make(CheckForUpdatesHandler.class, ctx);
        ContextInjectionFactory.invoke(handler, Execute.class, ctx);
        assertFalse(texts.isEmpty(), "no 检查更新 message appeared");
        return texts;
    }

    private static void collect(Control c, List<String> texts) {
        if (c instanceof Label l && l.getText() != null) {
            texts.add(l.getText());
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                collect(child, texts);
            }
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundles, type, null);
        tracker.open();
        T service = tracker.waitForService(20_000);
        assertNotNull(service, type.getName() + " was not published within 20 s");
        return service;
    }

}
