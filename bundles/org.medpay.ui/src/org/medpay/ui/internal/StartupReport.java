package org.medpay.ui.internal;

import java.lang.management.ManagementFactory;

import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.widgets.Display;

/**
 * Says when the mobile-pay view first painted. The smoke test and the start-up benchmark wait for the
 * marker line; {@code -Dmedpay.exitAfterStartup=true} then closes the workbench so both measure a whole,
 * clean start and stop.
 */
public final class StartupReport {

    public static final String MARKER = "MEDPAY_MOBILE_PAY_PAINTED";
    public static final String VERSION_MARKER = "MEDPAY_VERSION";
    private static volatile boolean reported;

    private StartupReport() {
    }

    public static void mobilePayPainted(IWorkbench workbench, Display display) {
        if (reported) {
            return;
        }
        reported = true;
        org.medpay.core.startup.StartupGate.open();
        long now = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        // Plain stdout on purpose: scripts read it whatever the logging setup.
        System.out.println(MARKER + " epoch_ms=" + now + " since_jvm_start_ms=" + (now - jvmStart));
        // Which build is running: the p2 update test checks that a till restarted on the new bundles.
        org.osgi.framework.Bundle self = org.osgi.framework.FrameworkUtil.getBundle(StartupReport.class);
        if (self != null) {
            System.out.println(VERSION_MARKER + " org.medpay.ui=" + self.getVersion());
        }
        System.out.flush();
        if (workbench != null && Boolean.getBoolean("medpay.exitAfterStartup")) {
            display.asyncExec(workbench::close);
        }
    }
}
