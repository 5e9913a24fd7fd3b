package org.medpay.update.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IProgressMonitor;
import org.medpay.update.UpdateGuard;
import org.medpay.update.UpdatePlan;
import org.medpay.update.UpdateResult;
import org.medpay.update.UpdateService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The update service. Holds no p2 reference of its own: the UI asks for it at start-up (the command's
 * enablement), and p2 must not load before somebody actually checks for updates.
 */
@Component(configurationPid = UpdateService.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class UpdateServiceImpl implements UpdateService {

    private final BundleContext context;
    private final List<UpdateGuard> guards = new CopyOnWriteArrayList<>();
    private volatile Map<String, Object> config;
    private P2Updater updater;

    @Activate
    public UpdateServiceImpl(BundleContext context, Map<String, Object> config) {
        this.context = context;
        this.config = config;
    }

    @Modified
    void modified(Map<String, Object> newConfig) {
        this.config = newConfig;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addGuard(UpdateGuard guard) {
        guards.add(guard);
    }

    void removeGuard(UpdateGuard guard) {
        guards.remove(guard);
    }

    private synchronized P2Updater updater() {
        if (updater == null) {
            updater = new P2Updater(context);
        }
        return updater;
    }

    @Override
    public boolean administratorMode() {
        Object fromConfig = config.get("admin");
        if (fromConfig != null) {
            return Boolean.parseBoolean(String.valueOf(fromConfig));
        }
        return Boolean.parseBoolean(context.getProperty(ADMIN_PROPERTY));
    }

    @Override
    public List<URI> repositories() {
        List<URI> configured = Repositories.parse(config.get("repositories"));
        if (configured.isEmpty()) {
            configured = Repositories.parse(context.getProperty(REPOSITORIES_PROPERTY));
        }
        if (!configured.isEmpty()) {
            return configured;
        }
        try {
            return updater().knownRepositories();
        } catch (Exception e) {
            return new ArrayList<>();
        }
    }

    @Override
    public Optional<String> whyNotNow() {
        for (UpdateGuard guard : guards) {
            Optional<String> why = guard.whyNotNow();
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    @Override
    public UpdatePlan checkForUpdates(List<URI> repositories, IProgressMonitor monitor) {
        return updater().checkForUpdates(repositories, monitor);
    }

    @Override
    public UpdatePlan checkInstall(List<URI> repositories, String featureId, IProgressMonitor monitor) {
        return updater().checkInstall(repositories, featureId, monitor);
    }

    @Override
    public UpdateResult install(UpdatePlan plan, IProgressMonitor monitor) {
        // Asked again here, not only before the check: a payment may have started while the admin read the list.
        Optional<String> why = whyNotNow();
        if (why.isPresent()) {
            return new UpdateResult(UpdateResult.Status.REFUSED, why.get());
        }
        return updater().install(plan, monitor);
    }
}
