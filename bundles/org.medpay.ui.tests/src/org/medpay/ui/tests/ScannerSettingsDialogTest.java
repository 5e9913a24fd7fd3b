package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.ScannerService;
import org.medpay.scanner.ScannerStatus;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.scanner.ScannerSettingsDialog;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The 扫码枪设置 dialog against the real ScannerService: switch to serial on a real pty (socat), save through
 * Config Admin, see the status, scan, and read the test area (masked text, kind, timing); the wedge test field
 * works with keys posted through X.
 */
class ScannerSettingsDialogTest {

    @Test
    void configureSerialAndSeeScansInTheTestArea() throws Exception {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        var bc = FrameworkUtil.getBundle(ScannerSettingsDialog.class).getBundleContext();
        ServiceTracker<ScannerService, ScannerService> t = new ServiceTracker<>(bc, ScannerService.class, null);
        t.open();
        ScannerService service = t.waitForService(20_000);
        assertNotNull(service);
        Display display = Display.getDefault();
        Shell parent = new Shell(display);
        Path dir = Files.createTempDirectory("medpay-ui-pty");
        Path device = dir.resolve("ttyScanner");
        Path scannerEnd = dir.resolve("scannerEnd");
        Process socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + scannerEnd)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ScannerSettingsDialog dialog = new ScannerSettingsDialog(parent, service);
        try {
            while (!Files.exists(scannerEnd)) {
                Thread.sleep(20);
            }
            dialog.setBlockOnOpen(false);
            dialog.open();
            Shell shell = dialog.getShell();
            shell.setBounds(20, 20, 1000, 800);
            XKeys.spin(display, 300);

            ((Button) WidgetIds.find(shell, "scanner.mode.wedge")).setSelection(false);
            ((Button) WidgetIds.find(shell, "scanner.mode.serial")).setSelection(true);
            Combo port = (Combo) WidgetIds.find(shell, "scanner.port");
            port.setText(device.toString());
            // Tolerant of a loaded machine's scheduling (the 50 ms default is tested with a controlled clock).
            ((org.eclipse.swt.widgets.Spinner) WidgetIds.find(shell, "scanner.maxGap")).setSelection(100);
            dialog.save();
            Label status = (Label) WidgetIds.find(shell, "scanner.status");
            long deadline = System.currentTimeMillis() + 15_000;
            while (service.status().state() != ScannerStatus.State.CONNECTED && System.currentTimeMillis() < deadline) {
                XKeys.spin(display, 100);
            }
            XKeys.spin(display, 200);
            assertEquals(ScannerStatus.State.CONNECTED, service.status().state());
            assertTrue(status.getText().contains("已连接"), status.getText());
            assertTrue(port.getItemCount() >= 0);

            Files.write(scannerEnd, "281234567890123456\r".getBytes(StandardCharsets.US_ASCII));
            Table table = (Table) WidgetIds.find(shell, "scanner.test.table");
            deadline = System.currentTimeMillis() + 10_000;
            while (table.getItemCount() == 0 && System.currentTimeMillis() < deadline) {
                XKeys.spin(display, 50);
            }
            assertEquals(1, table.getItemCount());
            assertEquals("串口", table.getItem(0).getText(1));
            assertEquals("支付宝付款码", table.getItem(0).getText(2));
            assertEquals("28************3456", table.getItem(0).getText(3), "masked in the test area");
            assertEquals("18", table.getItem(0).getText(4));

            Text field = (Text) WidgetIds.find(shell, "scanner.test.field");
            XKeys.focus(shell, field);
            XKeys.type(display, "6901234567892\r", 3);
            assertEquals(2, table.getItemCount(), "the wedge test field adds a row");
            assertEquals("键盘", table.getItem(0).getText(1));
            assertEquals("6901234567892", table.getItem(0).getText(3), "drug codes in clear");
            assertTrue(Long.parseLong(table.getItem(0).getText(6)) >= 0, "max gap shown");
            assertTrue(Long.parseLong(table.getItem(0).getText(5)) >= Long.parseLong(table.getItem(0).getText(6)));
        } finally {
            dialog.close();
            service.configure(ScannerConfig.DEFAULTS);
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
            parent.dispose();
            t.close();
            Messages.reset();
        }
    }
}
