package org.medpay.update.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medpay.update.UpdateGuard;
import org.medpay.update.UpdatePlan;
import org.medpay.update.UpdateResult;
import org.medpay.update.UpdateService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The update service as the UI and the payment service meet it: published by DS, configured through
 * Config Admin, refusing while a guard says a payment is open, and reporting an unreachable repository
 * as such (p2 itself would quietly answer "no updates"). Real p2, real sockets; the full
 * update of an installation is releng/scripts/p2-update-test.sh.
 */
class UpdateServiceTest {

    private static BundleContext context;
    private static UpdateService updates;
    private ServiceRegistration<UpdateGuard> guard;

    @BeforeAll
    static void services() throws InterruptedException {
        context = FrameworkUtil.getBundle(UpdateServiceTest.class).getBundleContext();
        updates = await(UpdateService.class);
    }

    @AfterEach
    void cleanUp() throws IOException, InterruptedException {
        if (guard != null) {
            guard.unregister();
            guard = null;
        }
        Configuration config = await(ConfigurationAdmin.class).getConfiguration(UpdateService.PID, "?");
        if (config.getProperties() != null) {
            config.delete();
            waitFor(() -> !updates.administratorMode());
        }
    }

    @Test
    void aClosedPortIsReportedUnreachableWithTheRepositoryNamed() throws IOException {
        URI repository = URI.create("http://127.0.0.1:" + closedPort() + "/workstation/");

        UpdatePlan plan = updates.checkForUpdates(List.of(repository), new NullProgressMonitor());

        assertEquals(UpdatePlan.Status.UNREACHABLE, plan.status(), plan::toString);
        assertTrue(plan.detail().contains(repository.toString()), plan::detail);
        assertTrue(plan.changes().isEmpty());
    }

    @Test
    void aFolderThatIsNoRepositoryIsUnreachableToo() throws IOException {
        Path empty = Files.createTempDirectory("medpay-not-a-repo");

        UpdatePlan plan = updates.checkInstall(List.of(empty.toUri()), "org.medpay.gateway.region.x", new NullProgressMonitor());

        assertEquals(UpdatePlan.Status.UNREACHABLE, plan.status(), plan::toString);
    }

    @Test
    void withoutAnyRepositoryTheCheckSaysSo() {
        UpdatePlan plan = updates.checkForUpdates(List.of(), new NullProgressMonitor());

        assertEquals(UpdatePlan.Status.UNREACHABLE, plan.status());
        assertTrue(plan.detail().contains("no update repository"), plan::detail);
    }

    @Test
    void anOpenPaymentRefusesTheInstallAndItsReasonIsShown() {
        assertEquals(Optional.empty(), updates.whyNotNow(), "no guard registered: updating is allowed");
        guard = context.registerService(UpdateGuard.class, () -> Optional.of("有未完成的支付 / a payment is open"), null);

        assertEquals(Optional.of("有未完成的支付 / a payment is open"), updates.whyNotNow());
        UpdateResult result = updates.install(new UpdatePlan(UpdatePlan.Status.AVAILABLE, List.of(), "", null),
                new NullProgressMonitor());
        assertEquals(UpdateResult.Status.REFUSED, result.status());
        assertEquals("有未完成的支付 / a payment is open", result.detail());

        guard.unregister();
        guard = null;
        assertEquals(Optional.empty(), updates.whyNotNow(), "the guard went away with the payment service");
    }

    @Test
    void administratorModeAndRepositoriesComeFromConfigAdmin() throws IOException, InterruptedException {
        assertFalse(updates.administratorMode(), "a till is no administrator by default");
        Configuration config = await(ConfigurationAdmin.class).getConfiguration(UpdateService.PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("admin", "true");
        props.put("repositories", "http://it.example/p2/, /srv/medpay/p2");
        config.update(props);

        waitFor(updates::administratorMode);
        assertEquals(List.of(URI.create("http://it.example/p2/"), Path.of("/srv/medpay/p2").toUri()),
                updates.repositories());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitFor(BooleanSupplier condition) {
        long end = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < end, "condition not met within 10 s");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(20_000);
        assertNotNull(service, type.getName() + " was not published within 20 s");
        return service;
    }
}
