package org.medpay.scanner.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.scanner.ScanEvent;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.ScannerService;
import org.medpay.scanner.ScannerStatus.State;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The DS service in real Equinox: configured through Config Admin, reading a real pty through jSerialComm. */
class ScannerServiceOsgiTest {

    @Test
    void configuredThroughConfigAdminReadsTheSerialScanner() throws Exception {
        assumeTrue(PtyPair.socatAvailable(), "socat is not installed (.ci/run installs it)");
        var ctx = FrameworkUtil.getBundle(ScannerServiceOsgiTest.class).getBundleContext();
        ServiceTracker<ScannerService, ScannerService> t = new ServiceTracker<>(ctx, ScannerService.class, null);
        t.open();
        ScannerService service = t.waitForService(20_000);
        assertNotNull(service, "ScannerService published by DS");
        assertEquals(State.DISABLED, service.status().state(), "keyboard wedge by default: no serial reading");

        try (PtyPair pty = new PtyPair(Files.createTempDirectory("medpay-pty")).start()) {
            Recorder rec = new Recorder();
            service.addListener(rec);
            try {
                service.configure(ScannerConfig.DEFAULTS.withMode(ScannerConfig.Mode.SERIAL).withPort(pty.device()));
                rec.awaitStatus(s -> s.state() == State.CONNECTED);
                assertEquals(ScannerConfig.Mode.SERIAL, service.config().mode());
                pty.send("134567890123456789\r");
                ScanEvent e = rec.nextScan();
                assertEquals(ScannedCodeKind.WECHAT_PAYMENT_CODE, e.code().kind());
                assertTrue(e.toString().contains("13************6789"), "masked in logs: " + e);
                assertTrue(!e.toString().contains("4567890123"));

                service.configure(ScannerConfig.DEFAULTS);
                rec.awaitStatus(s -> s.state() == State.DISABLED);
            } finally {
                service.removeListener(rec);
                service.configure(ScannerConfig.DEFAULTS);
            }
        }
        assertTrue(service.availablePorts() != null);
        t.close();
    }
}
