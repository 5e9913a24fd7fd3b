package org.medpay.ui.internal;

import java.lang.management.ManagementFactory;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.swt.widgets.Display;
import org.osgi.service.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up bookkeeping. The "painted" line is what the smoke test and the start-up benchmark wait for;
 * {@code -Dmedpay.exitAfterStartup=true} closes the workbench right after it so both can measure a whole
 * clean start and stop.
 */
public class LifeCycle {

    private static final Logger LOG = LoggerFactory.getLogger(LifeCycle.class);
    public static final String STARTED_MARKER = "MEDPAY_MOBILE_PAY_PAINTED";

    @PostContextCreate
    void postContextCreate(IEventBroker broker, IWorkbench workbench) {
        broker.subscribe(UiEvents.MOBILE_PAY_PAINTED, (Event event) -> {
            long paintedAt = (Long) event.getProperty(IEventBroker.DATA);
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            // Plain stdout on purpose: scripts read it whatever the logging setup.
            System.out.println(STARTED_MARKER + " epoch_ms=" + paintedAt + " since_jvm_start_ms=" + (paintedAt - jvmStart));
            LOG.info("Mobile-pay view painted {} ms after JVM start", paintedAt - jvmStart);
            if (Boolean.getBoolean("medpay.exitAfterStartup")) {
                Display.getDefault().asyncExec(workbench::close);
            }
        });
    }
}
