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
        // CPU time beside wall time: on a shared or busy machine the wall time says little, the CPU spent
        // by the whole process (all threads) and by the UI thread until the paint still compare.
        long processCpuMs = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            processCpuMs = os.getProcessCpuTime() / 1_000_000;
        }
        long uiCpuMs = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        System.out.println(MARKER + " epoch_ms=" + now + " since_jvm_start_ms=" + (now - jvmStart)
                + " process_cpu_ms=" + processCpuMs + " ui_thread_cpu_ms=" + uiCpuMs);
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
