package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Hashtable;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medpay.catalogue.DrugCatalogue;
import org.medpay.catalogue.ImportProgress;
import org.medpay.core.money.Money;
import org.medpay.core.sale.Sale;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.payment.PaidOrder;
import org.medpay.payment.PaidOrders;
import org.medpay.payment.PaymentService;
import org.medpay.persistence.JpaProvider;
import org.medpay.register.BuyerRole;
import org.medpay.register.ComplianceRegister;
import org.medpay.register.IdType;
import org.medpay.register.RegisterEntry;
import org.medpay.register.RegisterLine;
import org.medpay.register.ResidentId;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.handlers.OpenMobilePayHandler;
import org.medpay.ui.internal.mobilepay.MobilePayPart;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * P-1 inside the settlement flow, as a cashier meets it (issue 7): the real workbench window, the real DS
 * payment service, the sandbox region (simulator over loopback HTTP) with its P-1 threshold set to ¥20 and
 * the real Derby register. The cashier scans a drug twice (¥25.00), presses 扫码结算(G) (Alt+G), scans a
 * bound buyer's payment code; the payment service refuses the insurance leg for want of an entry and the flow
 * itself opens the register form. Everything is typed through the X server or chosen on the form's widgets,
 * found by their WidgetIds names.
 */
class RegisterInSettlementFlowTest {

    /** The same catalogue SaleEntryTest imports (whichever runs first, the other finds the same drugs). */
    private static final String CSV = "药品编码,条码,通用名,商品名,规格,单位,零售价,生产厂家,批准文号,全自费,医保编码,对码开始日期,对码结束日期,类别,自付比例\r\n"
            + "UT001,6901234567892,阿莫西林胶囊,阿莫仙,0.25g*24粒,盒,12.50,华北制药,,否,XJ01CAA040E001,2020-01-01,,甲类,\r\n"
            + "UT002,6920000000017,维生素C片,,100片,瓶,3.90,华中药业,,否,,,,,\r\n"
            + "UT003,6930000000011,布洛芬缓释胶囊,芬必得,0.3g*20粒,盒,21.80,中美史克,,否,XM01AEB001,2020-01-01,2026-11-25,乙类,10%\r\n"
            + "UT004,,阿莫西林克拉维酸钾片,,0.375g*12片,盒,28.00,华北制药,,否,XJ01CRA001,2020-01-01,,乙类,5%\r\n";
    private static final String BARCODE = "6901234567892"; // UT001, class A, code-matched: ¥12.50
    private static final long THRESHOLD_FEN = 2_000; // ¥20: two boxes (¥25.00) are above it

    private static Configuration sandbox;
    private static int codes;

    @BeforeAll
    static void sandboxWithALowThresholdAndTheTestCatalogue() throws Exception {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        sandbox = service(ConfigurationAdmin.class).getConfiguration("org.medpay.gateway.sandbox", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("policy.registerThresholdFen", Long.toString(THRESHOLD_FEN));
        sandbox.update(props);
        awaitSandboxThreshold(Money.ofFen(THRESHOLD_FEN));

        DrugCatalogue catalogue = service(DrugCatalogue.class);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!catalogue.isReady() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Path csv = Path.of(System.getProperty("medpay.data.dir"), "ui-register-flow-catalogue.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, CSV, StandardCharsets.UTF_8);
        catalogue.importCatalogue(csv, ImportProgress.NONE);
        assertTrue(catalogue.findByBarcode(BARCODE, LocalDate.now()).isPresent(), "the test drug is in the catalogue");
    }

    @AfterAll
    static void sandboxBackToItsDefaults() throws Exception {
        if (sandbox != null) {
            sandbox.delete();
            awaitSandboxThreshold(org.medpay.gateway.api.RegionPolicy.PROCEDURE_DEFAULT.registerThreshold());
        }
        System.clearProperty("osgi.nl");
        Messages.reset();
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext bc = FrameworkUtil.getBundle(RegisterInSettlementFlowTest.class).getBundleContext();
        ServiceTracker<T, T> t = new ServiceTracker<>(bc, type, null);
        t.open();
        T s = t.waitForService(60_000);
        assertNotNull(s, type.getName());
        return s;
    }

    /** The sandbox component restarts on a configuration change: wait for the one with this policy, bound. */
    private static void awaitSandboxThreshold(Money threshold) throws Exception {
        BundleContext bc = FrameworkUtil.getBundle(RegisterInSettlementFlowTest.class).getBundleContext();
        PaymentService payments = service(PaymentService.class);
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            var refs = bc.getServiceReferences(RegionGateway.class, "(" + RegionGateway.REGION_PROPERTY + "=999999)");
            if (refs.size() == 1) {
                RegionGateway g = bc.getService(refs.iterator().next());
                try {
                    if (g != null && g.policy().registerThreshold().equals(threshold) && payments.activeRegion().isPresent()) {
                        return;
                    }
                } catch (RuntimeException starting) {
                    // the old component is going away while we ask: ask the new one
                } finally {
                    bc.ungetService(refs.iterator().next());
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sandbox region did not come back with the P-1 threshold " + threshold);
    }

    /** A fresh Alipay payment code of a bound buyer with ¥500 in the account (sandbox: last digits 00–09). */
    private static synchronized String boundBuyersCode() {
        codes++;
        return "28" + String.format("%014d", (System.nanoTime() / 1000) % 100_000_000_000_000L + codes) + "0" + (codes % 10);
    }

    private static String residentId(String first17, boolean valid) {
        char check = ResidentId.checkChar(first17);
        return first17 + (valid ? check : (check == '1' ? '2' : '1'));
    }

    // ---- the cashier's steps ------------------------------------------------------------------------------

    private record View(Composite root, MobilePayPart part) {
    }

    private static View mobilePay(WorkbenchScript ui) {
        ui.awaitMainWindow();
        MPart p = ui.part(OpenMobilePayHandler.PART_ID);
        return ui.ui(() -> new View((Composite) p.getWidget(), (MobilePayPart) p.getObject()));
    }

    private static void signInIfAsked(WorkbenchScript ui, View v) throws Exception {
        var operators = service(org.medpay.operator.OperatorService.class);
        if (operators.current().filter(o -> o.code().equals("1001")).isEmpty()) {
            operators.signOut(); // another test's operator: the demo cashier takes the till
        }
        ui.uiRun(() -> v.part().frame().connectNow());
        Composite panel = ui.ui(() -> WorkbenchScript.find(v.root(), "signin.panel", Composite.class));
        if (ui.ui(panel::isVisible)) {
            ui.type(ui.ui(() -> WorkbenchScript.find(v.root(), "signin.code", Text.class)), "1001\r", 30);
            ui.type(ui.ui(() -> WorkbenchScript.find(v.root(), "signin.pin", Text.class)), "123456\r", 30);
        }
        ui.await("the view unlocks for the cashier", () -> WorkbenchScript.find(v.root(), "mobilepay.tabs", Control.class).isEnabled());
    }

    /** The drug scanned twice into the entry field, at scanner speed, then 扫码结算(G) and the buyer's code. */
    private static Sale sellTwoBoxesAndScanToSettle(WorkbenchScript ui, View v) throws Exception {
        Text entry = ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.entry", Text.class));
        Label total = ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.total", Label.class));
        Label said = ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.entryMessage", Label.class));
        java.util.function.Supplier<String> state = () -> "(total " + total.getText() + ", entry '" + entry.getText()
                + "', message '" + said.getText() + "')";
        ui.type(entry, BARCODE + "\r", 3);
        ui.await("the first box is on the sale", () -> total.getText().equals("¥12.50"), state);
        ui.type(entry, BARCODE + "\r", 3);
        ui.await("the second box is on the sale", () -> total.getText().equals("¥25.00"), state);
        Sale sale = sale(v);

        Label status = ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.settleStatus", Label.class));
        Text code = ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.evoucher", Text.class));
        ui.focus(entry);
        ui.chord(SWT.ALT, 'g'); // 扫码结算(&G)
        ui.await("扫码结算(G) waits for the scan in 电子社保码 (P-11)",
                () -> code.isFocusControl() && status.getText().equals(Messages.get("settle.waitScan")));
        ui.type(code, boundBuyersCode() + "\r", 3);
        return sale;
    }

    private static Sale sale(View v) throws Exception {
        var m = MobilePayPart.class.getDeclaredMethod("sale");
        m.setAccessible(true);
        return (Sale) m.invoke(v.part());
    }

    private static Text field(Shell form, String id) {
        return WorkbenchScript.find(form, "register." + id, Text.class);
    }

    private static List<RegisterEntry> entriesFor(String saleId) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.systemDefault());
        return service(ComplianceRegister.class).entries(today.minusDays(1), today.plusDays(1)).stream()
                .filter(e -> e.saleId().equals(saleId)).toList();
    }

    private static List<PaidOrder> paidOrdersFor(String saleId) throws Exception {
        return service(PaidOrders.class).find(null, null, null, null, 1_000).stream()
                .filter(o -> saleId.equals(o.saleId())).toList();
    }

    // ---- the tests -------------------------------------------------------------------------------------------

    @Test
    void aBlockedPaymentOpensTheFormWhichRecordsTheProxyPurchaseAndTheRescanSettles() throws Exception {
        String buyerId = residentId("44030419850315123", true);
        String badBuyerId = residentId("44030419850315123", false);
        String insuredId = residentId("44030419520708004", true);
        Instant before = Instant.now();
        String[] saleId = new String[1];

        WorkbenchScript.run(ui -> {
            View v = mobilePay(ui);
            signInIfAsked(ui, v);
            Sale sale = sellTwoBoxesAndScanToSettle(ui, v);
            saleId[0] = sale.id();

            // P-1: the payment service refused; the flow (not this test) opened the form.
            Shell form = ui.awaitShell("register.form");
            Label summary = ui.ui(() -> WorkbenchScript.find(form, "register.summary", Label.class));
            assertTrue(ui.ui(summary::getText).contains("¥25.00"), "the form shows the sale it registers");
            assertTrue(ui.ui(summary::getText).contains("收银员张敏"), "and the signed-in operator");

            ui.uiRun(() -> field(form, "buyer.name").setText("王小明"));
            ui.type(field(form, "buyer.idNumber"), badBuyerId, 10);
            ui.type(field(form, "buyer.phone"), "13912345678", 10);
            ui.uiRun(() -> {
                Button proxy = WorkbenchScript.find(form, "register.role.proxy", Button.class);
                WorkbenchScript.find(form, "register.role.insured", Button.class).setSelection(false);
                proxy.setSelection(true);
                proxy.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
            });
            ui.await("the insured person's fields open for a proxy purchase",
                    () -> field(form, "relationship").isEnabled() && field(form, "insured.name").isEnabled());
            ui.uiRun(() -> {
                field(form, "relationship").setText("父子");
                field(form, "insured.name").setText("王建国");
                assertEquals(0, WorkbenchScript.find(form, "register.insured.idType", Combo.class).getSelectionIndex(),
                        "居民身份证 is preselected");
            });
            ui.type(field(form, "insured.idNumber"), insuredId, 10);
            ui.type(field(form, "insured.ssNo"), "SS4403001234", 10);
            ui.type(field(form, "insured.phone"), "13800138000\r", 10); // Enter = the default button (确定)

            // The check digit is wrong: the form refuses and says so beside the field; nothing is recorded.
            Label idError = ui.ui(() -> WorkbenchScript.find(form, "register.error.buyer.idNumber", Label.class));
            ui.await("the form refuses the resident ID with the wrong check digit", () -> !idError.getText().isEmpty());
            assertFalse(ui.ui(form::isDisposed), "the form stays open");
            assertEquals(List.of(), entriesFor(saleId[0]), "nothing is recorded while the form refuses");
            assertTrue(ui.ui(() -> field(form, "buyer.idNumber").isFocusControl()), "the cursor goes to the bad field");

            Text id = ui.ui(() -> field(form, "buyer.idNumber"));
            ui.uiRun(() -> id.selectAll());
            ui.type(id, buyerId + "\r", 10);
            ui.await("the entry is stored and the form closes", () -> ui.shell("register.form") == null);

            Label status = ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.settleStatus", Label.class));
            Text code = ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.evoucher", Text.class));
            ui.await("the cashier is asked to rescan", () -> status.getText().equals(Messages.get("settle.registeredRescan")));
            assertEquals(1, entriesFor(saleId[0]).size());
            assertTrue(paidOrdersFor(saleId[0]).isEmpty(), "nothing was charged before the entry existed");

            // The buyer refreshes the code (it changes every minute, N-3); the scanner reads it.
            ui.type(code, boundBuyersCode() + "\r", 3);
            ui.await("the payment settles (P-12)", () -> status.getText().startsWith("支付成功: 合计 ¥25.00"));
            assertTrue(ui.ui(status::getText).contains(Messages.get("channel.INSURANCE_ACCOUNT") + " ¥25.00"),
                    "the personal account paid: " + ui.ui(status::getText));
            ui.await("the screen is cleared for the next sale",
                    () -> WorkbenchScript.find(v.root(), "mobilepay.table", Table.class).getItemCount() == 0);
            assertNotEquals(saleId[0], sale.id(), "the next sale is a new sale, with its own register needs");

            // The register view shows the entry with the ID masked.
            ui.uiRun(() -> ui.parts().showPart("org.medpay.ui.part.register", PartState.ACTIVATE));
            MPart registerPart = ui.part("org.medpay.ui.part.register");
            ui.await("the register view is on screen", () -> registerPart.getWidget() != null);
            Composite registerRoot = ui.ui(() -> (Composite) registerPart.getWidget());
            Table rows = ui.ui(() -> WorkbenchScript.find(registerRoot, "register.view.table", Table.class));
            ui.uiRun(() -> WorkbenchScript.find(registerRoot, "register.view.query", Button.class)
                    .notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event()));
            String masked = org.medpay.core.scan.Masking.mask(buyerId);
            ui.await("the register view lists the entry, ID masked", () -> rowText(rows).contains(masked));
            assertFalse(ui.ui(() -> rowText(rows)).contains(buyerId), "the full ID is never on screen");
        });

        // What the register holds: one entry, automatic parts filled in, the settlement chained after it.
        List<RegisterEntry> entries = entriesFor(saleId[0]);
        assertEquals(1, entries.size(), entries.toString());
        RegisterEntry e = entries.get(0);
        assertEquals(List.of(new RegisterLine("UT001", "阿莫西林胶囊", "0.25g*24粒", "盒", 2, Money.ofFen(1_250),
                Money.ofFen(2_500), "XJ01CAA040E001")), e.lines(), "the drugs, from the sale");
        assertEquals(Money.ofFen(2_500), e.total());
        assertEquals(Money.ofFen(2_500), e.insuranceAmount(), "N-1: the personal account pays all");
        assertEquals(Money.ZERO, e.channelAmount());
        assertEquals("1001", e.operator().code(), "the signed-in cashier");
        assertEquals("收银员张敏", e.operator().name());
        assertFalse(e.recordedAt().isBefore(before.minusSeconds(1)) || e.recordedAt().isAfter(Instant.now()),
                "the register's own time: " + e.recordedAt());
        assertEquals(BuyerRole.PROXY, e.role());
        assertEquals("父子", e.relationship());
        assertEquals("王小明", e.buyer().name());
        assertEquals(IdType.RESIDENT_ID, e.buyer().idType());
        assertEquals(org.medpay.core.scan.Masking.mask(buyerId), e.buyer().maskedIdNumber());
        assertNotEquals(buyerId, e.buyer().maskedIdNumber());
        assertEquals("王建国", e.insured().name());
        assertEquals(org.medpay.core.scan.Masking.mask(insuredId), e.insured().maskedIdNumber());
        assertEquals(org.medpay.core.scan.Masking.mask("SS4403001234"), e.insured().maskedSocialSecurityNo());

        List<PaidOrder> paid = paidOrdersFor(saleId[0]);
        assertEquals(1, paid.size(), "charged exactly once: " + paid);
        PaidOrder order = paid.get(0);
        assertTrue(e.settlement().isPresent(), "the settlement is chained after the entry");
        assertEquals(order.settlementId(), e.settlement().get().settlementId(), "the 2102 settlement number");
        assertFalse(order.settlementId().isBlank());
        assertEquals(Money.ofFen(2_500), e.settlement().get().insurancePaid());
        assertEquals(Money.ZERO, e.settlement().get().channelPaid());

        // Stored protected: neither ID appears in the register's table in clear.
        String content = storedContent(saleId[0]);
        assertFalse(content.isEmpty());
        assertFalse(content.contains(buyerId), "the buyer's ID is stored encrypted");
        assertFalse(content.contains(insuredId), "the insured's ID is stored encrypted");
        assertFalse(content.contains("13912345678"), "the phone is stored encrypted");
        assertTrue(service(ComplianceRegister.class).verifyChain().ok(), "the hash chain is intact");
    }

    @Test
    void cancellingTheFormChargesNothingAndKeepsTheSale() throws Exception {
        String[] saleId = new String[1];
        WorkbenchScript.run(ui -> {
            View v = mobilePay(ui);
            signInIfAsked(ui, v);
            Sale sale = sellTwoBoxesAndScanToSettle(ui, v);
            saleId[0] = sale.id();

            Shell form = ui.awaitShell("register.form");
            ui.uiRun(() -> field(form, "buyer.name").setText("李四"));
            ui.type(field(form, "buyer.phone"), "13912345678\u001b", 10); // Escape = 取消
            ui.await("the form is gone", () -> ui.shell("register.form") == null);

            Label status = ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.settleStatus", Label.class));
            ui.await("the cashier is told the payment needs the register",
                    () -> status.getText().equals(Messages.get("failure.BLOCKED_BY_RULE")));
            assertEquals(saleId[0], sale.id(), "the same sale");
            assertEquals(1, ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.table", Table.class).getItemCount()),
                    "the sale stays on screen for another try or another way to pay (P-6)");
            assertEquals("¥25.00", ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.total", Label.class).getText()));
            assertTrue(ui.ui(() -> WorkbenchScript.find(v.root(), "mobilepay.scanSettle", Button.class).getEnabled()));
            assertFalse(service(PaymentService.class).hasUnresolvedAttempt(saleId[0]), "no attempt left open");
        });
        assertEquals(List.of(), entriesFor(saleId[0]), "nothing registered");
        assertEquals(List.of(), paidOrdersFor(saleId[0]), "nothing charged");
    }

    private static String rowText(Table rows) {
        StringBuilder b = new StringBuilder();
        for (TableItem item : rows.getItems()) {
            for (int i = 0; i < rows.getColumnCount(); i++) {
                b.append(item.getText(i)).append('|');
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String storedContent(String saleId) throws Exception {
        JpaProvider jpa = service(JpaProvider.class);
        StringBuilder b = new StringBuilder();
        try (Connection c = new org.apache.derby.jdbc.EmbeddedDriver().connect(jpa.describeDatabase(), new java.util.Properties());
                PreparedStatement ps = c.prepareStatement("SELECT CONTENT FROM REG_CHAIN WHERE SALE_ID = ?")) {
            ps.setString(1, saleId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    b.append(rs.getString(1));
                }
            }
        }
        return b.toString();
    }
}
