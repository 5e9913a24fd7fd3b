package org.medpay.update;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Checks the configured p2 repositories for a newer workstation and installs it. Long-running methods
 * block: call them off the UI thread. p2 is loaded on the first check, never at start-up.
 */
public interface UpdateService {

    /** Config Admin PID; properties {@code repositories} (URIs, comma separated) and {@code admin}. */
    String PID = "org.medpay.update";
    /** System/framework property with the repositories (comma separated), when Config Admin has none. */
    String REPOSITORIES_PROPERTY = "medpay.update.repositories";
    /** System/framework property: {@code true} lets this till run "Check for updates" (until roles exist). */
    String ADMIN_PROPERTY = "medpay.admin";

    /** Whether the administrator commands are enabled on this till. */
    boolean administratorMode();

    /**
     * The update repositories: Config Admin, else {@link #REPOSITORIES_PROPERTY}, else those p2 knows for
     * this installation (added by the product's p2.inf). May load p2.
     */
    List<URI> repositories();

    /** The reason of the first {@link UpdateGuard} that refuses, or empty. */
    Optional<String> whyNotNow();

    /** What updating the installed workstation from {@code repositories} would change. */
    UpdatePlan checkForUpdates(List<URI> repositories, IProgressMonitor monitor);

    /** What installing (or updating to the newest) feature {@code featureId} would change. */
    UpdatePlan checkInstall(List<URI> repositories, String featureId, IProgressMonitor monitor);

    /** Installs an {@link UpdatePlan.Status#AVAILABLE} plan, unless a guard refuses. */
    UpdateResult install(UpdatePlan plan, IProgressMonitor monitor);
}
