package org.medpay.update.internal;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.medpay.update.UpdateChange;
import org.medpay.update.UpdatePlan;
import org.medpay.update.UpdateResult;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * IT's headless update, run by {@code medpay.sh -update <repository>} (docs/updates.md): updates the
 * installed workstation, and installs features named with {@code -installFeature}, without the UI.
 * Every outcome ends with one line {@code MEDPAY_UPDATE result=... exit=...} and an exit code a script can
 * test; the workstation must not be running on the same installation meanwhile.
 */
public final class HeadlessUpdateApplication implements IApplication {

    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 4;
    public static final int NOT_FOUND = 5;
    public static final int RESOLUTION_FAILED = 6;
    public static final int INSTALL_FAILED = 7;
    public static final int UPDATES_AVAILABLE = 10;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    @Override
    public Object start(IApplicationContext appContext) {
        appContext.applicationRunning();
        String[] args = (String[]) appContext.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        if (Boolean.getBoolean("medpay.update.debug")) {
            out.println("args: " + String.join(" ", args));
        }
        return run(args, FrameworkUtil.getBundle(getClass()).getBundleContext());
    }

    int run(String[] args, BundleContext context) {
        List<URI> repositories = new ArrayList<>();
        List<String> features = new ArrayList<>();
        boolean checkOnly = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            // medpay.sh/.cmd turn "-update" into "-updateFrom": equinox.app swallows "-update" (an old
            // Update Manager option) before an application sees it.
            if (("-updateFrom".equals(a) || "-repository".equals(a)) && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                repositories.addAll(Repositories.parse(args[++i]));
            } else if ("-installFeature".equals(a) && i + 1 < args.length) {
                features.add(args[++i]);
            } else if ("-check".equals(a)) {
                checkOnly = true;
            } else if ("-updateFrom".equals(a)) {
                // "-update" alone: the configured repositories (below)
            }
        }
        P2Updater updater = new P2Updater(context);
        if (repositories.isEmpty()) {
            repositories.addAll(Repositories.parse(context.getProperty(org.medpay.update.UpdateService.REPOSITORIES_PROPERTY)));
        }
        if (repositories.isEmpty()) {
            try {
                repositories.addAll(updater.knownRepositories());
            } catch (Exception e) {
                // falls through to the usage message
            }
        }
        if (repositories.isEmpty()) {
            return end(USAGE, "USAGE",
                    "没有更新仓库 / No update repository. Usage: medpay.sh -update <repository-url> "
                            + "[-installFeature <feature-id>] [-check]");
        }
        out.println("MedPay 更新 / update from " + repositories + (checkOnly ? " (check only)" : ""));

        UpdatePlan update = updater.checkForUpdates(repositories, new NullProgressMonitor());
        int code = report("工作站 / workstation", update);
        if (code != OK) {
            return end(code, update.status().name(), update.detail());
        }
        List<UpdatePlan> plans = new ArrayList<>();
        if (update.status() == UpdatePlan.Status.AVAILABLE) {
            plans.add(update);
        }
        if (!checkOnly && !plans.isEmpty()) {
            // Update first, then resolve the features against the updated profile.
            UpdateResult result = updater.install(update, new NullProgressMonitor());
            if (result.status() != UpdateResult.Status.INSTALLED) {
                return end(INSTALL_FAILED, "INSTALL_FAILED", "安装失败 / install failed: " + result.detail());
            }
            out.println("已更新 / updated: workstation (" + update.changes().size() + " unit(s))");
        }
        int installedFeatures = 0;
        for (String feature : features) {
            UpdatePlan plan = updater.checkInstall(repositories, feature, new NullProgressMonitor());
            code = report(feature, plan);
            if (code != OK) {
                return end(code, plan.status().name(), plan.detail());
            }
            if (plan.status() != UpdatePlan.Status.AVAILABLE) {
                continue;
            }
            plans.add(plan);
            if (!checkOnly) {
                UpdateResult result = updater.install(plan, new NullProgressMonitor());
                if (result.status() != UpdateResult.Status.INSTALLED) {
                    return end(INSTALL_FAILED, "INSTALL_FAILED", "安装失败 / install failed: " + result.detail());
                }
                installedFeatures++;
                out.println("已安装 / installed: " + feature);
            }
        }
        if (plans.isEmpty()) {
            return end(OK, "UP_TO_DATE", "已是最新 / already up to date");
        }
        if (checkOnly) {
            return end(UPDATES_AVAILABLE, "UPDATES_AVAILABLE", "有可用更新（未安装）/ updates available (not installed)");
        }
        return end(OK, "UPDATED", "更新完成，下次启动生效 / update installed; it runs from the next start"
                + (installedFeatures > 0 ? " (" + installedFeatures + " feature(s) added)" : ""));
    }

    /** Prints a plan; returns the exit code its status means (OK when it may go on). */
    private int report(String what, UpdatePlan plan) {
        switch (plan.status()) {
            case UP_TO_DATE:
                out.println(what + ": 已是最新 / up to date");
                return OK;
            case AVAILABLE:
                out.println(what + ": " + plan.changes().size() + " 项变更 / change(s):");
                for (UpdateChange c : plan.changes()) {
                    out.println("  " + c);
                }
                return OK;
            case UNREACHABLE:
                err.println("无法连接更新仓库 / Cannot reach the update repository: " + plan.detail());
                return UNREACHABLE;
            case NOT_FOUND:
                err.println("仓库中没有该功能 / Feature not in the repository: " + plan.detail());
                return NOT_FOUND;
            default:
                err.println("无法更新 / Cannot update " + what + ": " + plan.detail());
                return RESOLUTION_FAILED;
        }
    }

    private int end(int code, String result, String message) {
        (code == OK || code == UPDATES_AVAILABLE ? out : err).println(message);
        out.println("MEDPAY_UPDATE result=" + result + " exit=" + code);
        return Integer.valueOf(code);
    }

    @Override
    public void stop() {
        // runs to its end; p2 rolls back an interrupted install itself
    }
}
