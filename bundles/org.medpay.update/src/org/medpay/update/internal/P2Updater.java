package org.medpay.update.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.IProvisioningPlan;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.operations.InstallOperation;
import org.eclipse.equinox.p2.operations.ProfileChangeOperation;
import org.eclipse.equinox.p2.operations.ProvisioningJob;
import org.eclipse.equinox.p2.operations.ProvisioningSession;
import org.eclipse.equinox.p2.operations.UpdateOperation;
import org.eclipse.equinox.p2.query.IQueryResult;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.repository.IRepositoryManager;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.medpay.update.UpdateChange;
import org.medpay.update.UpdatePlan;
import org.medpay.update.UpdateResult;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * All the p2 work, shared by the in-app command and the headless application. Loaded only when a check
 * starts, so p2 costs nothing at start-up.
 */
final class P2Updater {

    private final BundleContext context;
    private IProvisioningAgent agent;

    P2Updater(BundleContext context) {
        this.context = context;
    }

    /** The running installation's agent (p2.core registers it from eclipse.p2.data.area in config.ini). */
    synchronized IProvisioningAgent agent() throws ProvisionException {
        if (agent != null) {
            return agent;
        }
        try {
            Collection<ServiceReference<IProvisioningAgent>> current = context.getServiceReferences(
                    IProvisioningAgent.class, "(" + IProvisioningAgent.SERVICE_CURRENT + "=true)");
            if (!current.isEmpty()) {
                agent = context.getService(current.iterator().next());
                return agent;
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ServiceReference<IProvisioningAgentProvider> ref = context.getServiceReference(IProvisioningAgentProvider.class);
        if (ref == null) {
            throw new ProvisionException("p2 is not available in this runtime (no IProvisioningAgentProvider)");
        }
        agent = context.getService(ref).createAgent(null);
        return agent;
    }

    List<URI> knownRepositories() throws ProvisionException {
        IMetadataRepositoryManager manager = agent().getService(IMetadataRepositoryManager.class);
        List<URI> uris = new ArrayList<>();
        for (URI uri : manager.getKnownRepositories(IRepositoryManager.REPOSITORIES_NON_SYSTEM)) {
            uris.add(uri);
        }
        return uris;
    }

    UpdatePlan checkForUpdates(List<URI> repositories, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Checking for updates", 100);
        try {
            // Repositories first: "cannot reach the server" is what an administrator can act on.
            List<IMetadataRepository> loaded = new ArrayList<>();
            String unreachable = load(repositories, loaded, sub.split(40));
            if (unreachable != null) {
                return new UpdatePlan(UpdatePlan.Status.UNREACHABLE, List.of(), unreachable, null);
            }
            IProfile profile = profile();
            if (profile == null) {
                return noProfile();
            }
            UpdateOperation op = new UpdateOperation(new ProvisioningSession(agent()));
            op.setProfileId(profile.getProfileId());
            op.setProvisioningContext(provisioningContext(repositories));
            IStatus status = op.resolveModal(sub.split(60));
            if (status.getCode() == UpdateOperation.STATUS_NOTHING_TO_UPDATE) {
                return new UpdatePlan(UpdatePlan.Status.UP_TO_DATE, List.of(), "", null);
            }
            return planOf(op, status, profile);
        } catch (OperationCanceledException e) {
            return new UpdatePlan(UpdatePlan.Status.FAILED, List.of(), "cancelled", null);
        } catch (ProvisionException | RuntimeException e) {
            return new UpdatePlan(UpdatePlan.Status.FAILED, List.of(), String.valueOf(e.getMessage()), null);
        }
    }

    UpdatePlan checkInstall(List<URI> repositories, String featureId, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Checking " + featureId, 100);
        String groupId = featureId.endsWith(".feature.group") ? featureId : featureId + ".feature.group";
        try {
            // Repositories first: "cannot reach the server" is what an administrator can act on.
            List<IMetadataRepository> loaded = new ArrayList<>();
            String unreachable = load(repositories, loaded, sub.split(40));
            if (unreachable != null) {
                return new UpdatePlan(UpdatePlan.Status.UNREACHABLE, List.of(), unreachable, null);
            }
            IProfile profile = profile();
            if (profile == null) {
                return noProfile();
            }
            // Only the repositories given: a till's other known sites may be unreachable or stale.
            IInstallableUnit newest = null;
            for (IMetadataRepository repo : loaded) {
                IQueryResult<IInstallableUnit> found = repo.query(
                        QueryUtil.createLatestQuery(QueryUtil.createIUQuery(groupId)), sub.split(5));
                for (IInstallableUnit iu : found) {
                    if (newest == null || iu.getVersion().compareTo(newest.getVersion()) > 0) {
                        newest = iu;
                    }
                }
            }
            if (newest == null) {
                return new UpdatePlan(UpdatePlan.Status.NOT_FOUND, List.of(),
                        groupId + " is in none of " + repositories, null);
            }
            InstallOperation op = new InstallOperation(new ProvisioningSession(agent()), List.of(newest));
            op.setProfileId(profile.getProfileId());
            op.setProvisioningContext(provisioningContext(repositories));
            IStatus status = op.resolveModal(sub.split(50));
            return planOf(op, status, profile);
        } catch (OperationCanceledException e) {
            return new UpdatePlan(UpdatePlan.Status.FAILED, List.of(), "cancelled", null);
        } catch (ProvisionException | RuntimeException e) {
            return new UpdatePlan(UpdatePlan.Status.FAILED, List.of(), String.valueOf(e.getMessage()), null);
        }
    }

    UpdateResult install(UpdatePlan plan, IProgressMonitor monitor) {
        if (plan.status() != UpdatePlan.Status.AVAILABLE || !(plan.operation() instanceof ProfileChangeOperation op)) {
            return new UpdateResult(UpdateResult.Status.FAILED, "nothing to install: " + plan);
        }
        try {
            ProvisioningJob job = op.getProvisioningJob(null);
            if (job == null) {
                return new UpdateResult(UpdateResult.Status.FAILED, describe(op.getResolutionResult()));
            }
            IStatus status = job.runModal(monitor);
            if (status.getSeverity() == IStatus.ERROR || status.getSeverity() == IStatus.CANCEL) {
                return new UpdateResult(UpdateResult.Status.FAILED, describe(status));
            }
            return new UpdateResult(UpdateResult.Status.INSTALLED, describe(status));
        } catch (RuntimeException e) {
            return new UpdateResult(UpdateResult.Status.FAILED, String.valueOf(e));
        }
    }

    private IProfile profile() throws ProvisionException {
        return agent().getService(IProfileRegistry.class).getProfile(IProfileRegistry.SELF);
    }

    private static UpdatePlan noProfile() {
        return new UpdatePlan(UpdatePlan.Status.FAILED, List.of(),
                "this runtime has no p2 profile (eclipse.p2.profile / eclipse.p2.data.area not set): "
                        + "it is not an installed workstation", null);
    }

    /** Loads every repository first: p2's resolution silently skips unreadable ones ("no updates"). */
    private String load(List<URI> repositories, List<IMetadataRepository> loaded, IProgressMonitor monitor)
            throws ProvisionException {
        if (repositories.isEmpty()) {
            return "no update repository is configured";
        }
        SubMonitor sub = SubMonitor.convert(monitor, repositories.size() * 2);
        IMetadataRepositoryManager metadata = agent().getService(IMetadataRepositoryManager.class);
        IArtifactRepositoryManager artifacts = agent().getService(IArtifactRepositoryManager.class);
        List<String> failures = new ArrayList<>();
        for (URI uri : repositories) {
            try {
                loaded.add(metadata.loadRepository(uri, sub.split(1)));
                artifacts.loadRepository(uri, sub.split(1));
            } catch (ProvisionException e) {
                failures.add(uri + ": " + e.getMessage());
            }
        }
        return failures.isEmpty() ? null : String.join("; ", failures);
    }

    private ProvisioningContext provisioningContext(List<URI> repositories) throws ProvisionException {
        ProvisioningContext ctx = new ProvisioningContext(agent());
        URI[] uris = repositories.toArray(URI[]::new);
        ctx.setMetadataRepositories(uris);
        ctx.setArtifactRepositories(uris);
        return ctx;
    }

    private static UpdatePlan planOf(ProfileChangeOperation op, IStatus status, IProfile profile) {
        if (status.getSeverity() == IStatus.ERROR || status.getSeverity() == IStatus.CANCEL
                || op.getProvisioningPlan() == null) {
            return new UpdatePlan(UpdatePlan.Status.FAILED, List.of(), describe(status), null);
        }
        return new UpdatePlan(UpdatePlan.Status.AVAILABLE, changes(op.getProvisioningPlan()), describe(status), op);
    }

    /** Every IU the plan adds, removes or replaces, by id; p2's configuration IUs left out as noise. */
    static List<UpdateChange> changes(IProvisioningPlan plan) {
        Map<String, String[]> byId = new TreeMap<>();
        for (IInstallableUnit iu : plan.getRemovals().query(QueryUtil.ALL_UNITS, null)) {
            byId.computeIfAbsent(iu.getId(), k -> new String[2])[0] = iu.getVersion().toString();
        }
        for (IInstallableUnit iu : plan.getAdditions().query(QueryUtil.ALL_UNITS, null)) {
            byId.computeIfAbsent(iu.getId(), k -> new String[2])[1] = iu.getVersion().toString();
        }
        List<UpdateChange> changes = new ArrayList<>();
        byId.forEach((id, v) -> {
            if (!id.startsWith("tooling") && !id.startsWith("config.") && !java.util.Objects.equals(v[0], v[1])) {
                changes.add(new UpdateChange(id, v[0], v[1]));
            }
        });
        changes.sort(Comparator.comparing((UpdateChange c) -> !isRoot(c.id())).thenComparing(UpdateChange::id));
        return changes;
    }

    private static boolean isRoot(String id) {
        return id.endsWith(".feature.group") || id.equals("org.medpay.workstation");
    }

    static String describe(IStatus status) {
        if (status == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        append(status, sb, 0);
        return sb.toString().trim();
    }

    private static void append(IStatus status, StringBuilder sb, int depth) {
        if (depth > 6) {
            return;
        }
        if (status.getMessage() != null && !status.getMessage().isBlank()) {
            sb.append("  ".repeat(depth)).append(status.getMessage()).append('\n');
        }
        if (status instanceof MultiStatus || status.isMultiStatus()) {
            for (IStatus child : status.getChildren()) {
                append(child, sb, depth + 1);
            }
        }
    }
}
