package org.medpay.ui.internal.update;

import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.ProgressMonitorDialog;
import org.eclipse.swt.widgets.Shell;
import org.medpay.ui.internal.Messages;
import org.medpay.update.UpdatePlan;
import org.medpay.update.UpdateResult;
import org.medpay.update.UpdateService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 检查更新 / Check for updates (administrator only): shows what an update would change, installs it in a
 * forked job with a progress dialog (the UI thread keeps painting, never waits on the network), refuses
 * while an {@link org.medpay.update.UpdateGuard} says a payment is open, and offers a restart.
 * Until operator roles exist, "administrator" is the till setting {@code medpay.admin=true}.
 */
public class CheckForUpdatesHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CheckForUpdatesHandler.class);

    @CanExecute
    boolean canExecute(@org.eclipse.e4.core.di.annotations.Optional @Service UpdateService updates) {
        return updates != null && updates.administratorMode();
    }

    @Execute
    void execute(Shell shell, @org.eclipse.e4.core.di.annotations.Optional @Service UpdateService updates,
            @org.eclipse.e4.core.di.annotations.Optional IWorkbench workbench) {
        String title = Messages.get("update.title");
        if (updates == null || !updates.administratorMode()) {
            MessageDialog.openError(shell, title, Messages.get("update.adminOnly"));
            return;
        }
        Optional<String> why = updates.whyNotNow();
        if (why.isPresent()) {
            MessageDialog.openWarning(shell, title, Messages.format("update.refused", why.get()));
            return;
        }
        AtomicReference<List<URI>> repositories = new AtomicReference<>(List.of());
        AtomicReference<UpdatePlan> plan = new AtomicReference<>();
        if (!runForked(shell, monitor -> {
            repositories.set(updates.repositories());
            plan.set(updates.checkForUpdates(repositories.get(), monitor));
        })) {
            return;
        }
        UpdatePlan found = plan.get();
        LOG.info("Update check against {}: {}", repositories.get(), found);
        switch (found.status()) {
            case UP_TO_DATE -> {
                MessageDialog.openInformation(shell, title, Messages.get("update.upToDate"));
                return;
            }
            case UNREACHABLE -> {
                MessageDialog.openError(shell, title, Messages.format("update.unreachable",
                        repositories.get().isEmpty() ? Messages.get("update.noRepository") : repositories.get(),
                        found.detail()));
                return;
            }
            case AVAILABLE -> {
                // shown below
            }
            default -> {
                MessageDialog.openError(shell, title, Messages.format("update.failed", found.detail()));
                return;
            }
        }
        if (!UpdatePlanDialog.confirm(shell, found)) {
            return;
        }
        AtomicReference<UpdateResult> result = new AtomicReference<>();
        if (!runForked(shell, monitor -> result.set(updates.install(found, monitor)))) {
            return;
        }
        UpdateResult done = result.get();
        LOG.info("Update install: {}", done);
        switch (done.status()) {
            case INSTALLED -> {
                if (MessageDialog.openQuestion(shell, title, Messages.get("update.installed.restart")) && workbench != null) {
                    workbench.restart();
                }
            }
            case REFUSED -> MessageDialog.openWarning(shell, title, Messages.format("update.refused", done.detail()));
            default -> MessageDialog.openError(shell, title, Messages.format("update.installFailed", done.detail()));
        }
    }

    interface Work {
        void run(org.eclipse.core.runtime.IProgressMonitor monitor);
    }

    /** Runs {@code work} off the UI thread behind a cancellable progress dialog; false if it threw. */
    private static boolean runForked(Shell shell, Work work) {
        try {
            new ProgressMonitorDialog(shell).run(true, true, work::run);
            return true;
        } catch (InvocationTargetException e) {
            LOG.error("Update failed", e.getCause());
            MessageDialog.openError(shell, Messages.get("update.title"),
                    Messages.format("update.failed", String.valueOf(e.getCause())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
