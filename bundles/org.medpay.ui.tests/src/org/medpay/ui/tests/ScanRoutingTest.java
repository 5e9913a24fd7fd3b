package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.scanner.ScanEvent;
import org.medpay.scanner.ScanSource;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.ScannerService;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.mobilepay.MobilePayPart;
import org.medpay.ui.internal.mobilepay.ScanRouting;
import org.medpay.ui.internal.scanner.KeyboardWedge;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * P-11 in the real mobile-pay view: scans from the real ScannerService (DS) and from the keyboard wedge land
 * in the field their kind belongs to; garbage lands nowhere and is explained.
 */
class ScanRoutingTest {

    private Display display;
    private Shell shell;
    private IEclipseContext ctx;
    private MobilePayPart part;
    private ScannerService service;
    private ServiceTracker<ScannerService, ScannerService> tracker;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        var bc = FrameworkUtil.getBundle(MobilePayPart.class).getBundleContext();
        tracker = new ServiceTracker<>(bc, ScannerService.class, null);
        tracker.open();
        service = tracker.waitForService(20_000);
        assertNotNull(service, "ScannerService from DS");
        SignedIn.asDemoCashier();
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setBounds(50, 50, 1200, 700);
        ctx = EclipseContextFactory.getServiceContext(bc).createChild();
        ctx.set(Composite.class, shell);
        part = ContextInjectionFactory.make(MobilePayPart.class, ctx);
        shell.layout(true, true);
        shell.open();
        SignedIn.awaitUnlocked(display, shell, part);
        XKeys.spin(display, 200);
    }

    @AfterEach
    void tearDown() {
        ctx.dispose();
        shell.dispose();
        tracker.close();
        Messages.reset();
    }

    private Text field(String id) {
        return (Text) WidgetIds.find(shell, id);
    }

    private ScanRouting routing() throws Exception {
        var f = MobilePayPart.class.getDeclaredField("scanRouting");
        f.setAccessible(true);
        return (ScanRouting) f.get(part);
    }

    private void serialScan(String text) {
        service.publish(ScanEvent.of(text, ScanSource.SERIAL, "/dev/ttyACM0", Instant.now(), Duration.ofMillis(20),
                Duration.ofMillis(2)));
        XKeys.spin(display, 150);
    }

    @Test
    void serialPaymentCodeGoesToTheEvoucherFieldAndDrugCodeToEntry() throws Exception {
        Text entry = field("mobilepay.entry");
        Text evoucher = field("mobilepay.evoucher");
        boolean[] settle = new boolean[1];
        evoucher.addListener(SWT.DefaultSelection, e -> settle[0] = true);
        // The settlement controller takes the code out of the field on Enter (P-11: it never stays on
        // screen), so record what the routing put there.
        String[] routed = new String[1];
        evoucher.addListener(SWT.Modify, e -> {
            if (!evoucher.getText().isEmpty()) {
                routed[0] = evoucher.getText();
            }
        });
        entry.setFocus();

        serialScan("134567890123456789");
        assertEquals("134567890123456789", routed[0]);
        assertEquals("", entry.getText());
        assertTrue(settle[0], "the field got its Enter, as if the cashier pressed it");
        assertTrue(routing().lastMessage().contains("13************6789"), routing().lastMessage());
        assertFalse(routing().lastMessage().contains("4567890123"), "masked on screen");

        // The sale entry takes a drug code out of the field on Enter (it adds the line or says not found).
        String[] entered = new String[1];
        entry.addListener(SWT.Modify, e -> {
            if (!entry.getText().isEmpty()) {
                entered[0] = entry.getText();
            }
        });
        serialScan("6901234567892");
        assertEquals("6901234567892", entered[0]);
    }

    @Test
    void garbageReachesNoField() throws Exception {
        serialScan("2812345");
        assertEquals("", field("mobilepay.evoucher").getText());
        assertEquals("", field("mobilepay.entry").getText());
        assertTrue(routing().lastMessage().contains("无效扫码"), routing().lastMessage());
    }

    @Test
    void savedWedgeSettingsReachTheViewsFields() throws Exception {
        ScannerConfig changed = ScannerConfig.DEFAULTS.withAffixes("]E0", "");
        try {
            service.configure(changed);
            long deadline = System.currentTimeMillis() + 10_000;
            Text entry = field("mobilepay.entry");
            while (!changed.equals(KeyboardWedge.of(entry).config()) && System.currentTimeMillis() < deadline) {
                XKeys.spin(display, 50);
            }
            assertEquals(changed, KeyboardWedge.of(entry).config());
            assertEquals(changed, KeyboardWedge.of(field("mobilepay.evoucher")).config());
        } finally {
            service.configure(ScannerConfig.DEFAULTS);
        }
    }

    @Test
    void wedgeScanIntoTheEntryFieldIsRoutedByKind() {
        Text entry = field("mobilepay.entry");
        Text evoucher = field("mobilepay.evoucher");
        String[] routed = new String[1];
        evoucher.addListener(SWT.Modify, e -> {
            if (!evoucher.getText().isEmpty()) {
                routed[0] = evoucher.getText();
            }
        });
        XKeys.focus(shell, entry);
        XKeys.type(display, "281234567890123456\r", 3);
        assertEquals("", entry.getText(), "a payment code does not stay in the drug entry field");
        assertEquals("281234567890123456", routed[0]);
    }
}
