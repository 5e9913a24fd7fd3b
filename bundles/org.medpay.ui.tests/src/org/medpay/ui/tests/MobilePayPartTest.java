package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.mobilepay.MobilePayPart;
import org.osgi.framework.FrameworkUtil;

/** Creates the real mobile-pay part in a real shell (Xvfb in CI) and checks P-8's layout. */
class MobilePayPartTest {

    private Display display;
    private Shell shell;
    private String nlBefore;
    private IEclipseContext ctx;

    @BeforeEach
    void setUp() {
        nlBefore = System.getProperty("osgi.nl");
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(1200, 700);
    }

    @AfterEach
    void tearDown() {
        if (ctx != null) {
            ctx.dispose();
        }
        shell.dispose();
        if (nlBefore == null) {
            System.clearProperty("osgi.nl");
        } else {
            System.setProperty("osgi.nl", nlBefore);
        }
        Messages.reset();
    }

    private MobilePayPart createPart(String nl) {
        System.setProperty("osgi.nl", nl);
        Messages.reset();
        ctx = EclipseContextFactory
                .getServiceContext(FrameworkUtil.getBundle(MobilePayPart.class).getBundleContext()).createChild();
        ctx.set(Composite.class, shell);
        MobilePayPart part = ContextInjectionFactory.make(MobilePayPart.class, ctx);
        shell.layout(true, true);
        shell.open();
        spin();
        return part;
    }

    private void spin() {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    @SuppressWarnings("unchecked")
    private <W> W find(String id, Class<W> type) {
        Object w = WidgetIds.find(shell, id);
        assertNotNull(w, "widget " + id);
        assertTrue(type.isInstance(w), id + " is a " + w.getClass());
        return (W) w;
    }

    @Test
    void hasTheLayoutOfP8InChinese() {
        createPart("zh_CN");
        CTabFolder tabs = find("mobilepay.tabs", CTabFolder.class);
        assertEquals(List.of("手机支付", "退单"), Arrays.stream(tabs.getItems()).map(i -> i.getText()).toList());
        assertEquals(0, tabs.getSelectionIndex());

        Table table = find("mobilepay.table", Table.class);
        assertEquals(List.of("药品名称", "药品规格", "单价", "数量", "单位", "收费时间", "大类", "医保编码", "费用合计"),
                Arrays.stream(table.getColumns()).map(TableColumn::getText).toList());
        assertEquals("¥0.00", find("mobilepay.total", Label.class).getText());
        Button matched = find("mobilepay.codeMatched", Button.class);
        assertEquals("已对码药品", matched.getText());
        assertFalse(matched.getSelection());
        assertTrue(find("mobilepay.cancelOrder", Button.class).getText().startsWith("取消订单"));
        assertTrue(find("mobilepay.scanSettle", Button.class).getText().startsWith("扫码结算"));
        assertNotNull(find("mobilepay.evoucher", Text.class));
        assertNotNull(find("refund.query", Button.class));
        assertFalse(find("refund.rollback", Button.class).getEnabled(), "nothing selected, nothing to roll back");
    }

    @Test
    void totalsAndIndicatorFollowTheSale() throws Exception {
        MobilePayPart part = createPart("zh_CN");
        var saleMethod = MobilePayPart.class.getDeclaredMethod("sale");
        saleMethod.setAccessible(true);
        var sale = (org.medpay.core.sale.Sale) saleMethod.invoke(part);
        LocalDateTime now = LocalDateTime.of(2026, 11, 26, 9, 26);
        sale.add(new DrugRef("P1", "阿莫西林胶囊", "0.25g*24粒", "盒", Money.ofFen(1250), "XJ01", InsuranceClass.A, false), 2, now);
        spin();
        Table table = find("mobilepay.table", Table.class);
        assertEquals(1, table.getItemCount());
        assertEquals("阿莫西林胶囊", table.getItem(0).getText(0));
        assertEquals("甲类", table.getItem(0).getText(6));
        assertEquals("25.00", table.getItem(0).getText(8));
        assertEquals("¥25.00", find("mobilepay.total", Label.class).getText());
        assertTrue(find("mobilepay.codeMatched", Button.class).getSelection());

        sale.add(new DrugRef("P2", "维生素C片", "100片", "瓶", Money.ofFen(390), null, null, false), 1, now);
        spin();
        assertEquals("未对码", table.getItem(1).getText(7));
        assertEquals("自费", table.getItem(1).getText(6));
        assertEquals("¥28.90", find("mobilepay.total", Label.class).getText());
        assertFalse(find("mobilepay.codeMatched", Button.class).getSelection());

        // 取消订单 asks first: "no" keeps the sale, "yes" clears it.
        var controllerMethod = MobilePayPart.class.getDeclaredMethod("entryController");
        controllerMethod.setAccessible(true);
        var controller = (org.medpay.ui.internal.mobilepay.SaleEntryController) controllerMethod.invoke(part);
        controller.setConfirmer((s, title, question) -> false);
        find("mobilepay.cancelOrder", Button.class).notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        spin();
        assertEquals(2, table.getItemCount());
        controller.setConfirmer((s, title, question) -> true);
        find("mobilepay.cancelOrder", Button.class).notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        spin();
        assertEquals(0, table.getItemCount());
        assertEquals("¥0.00", find("mobilepay.total", Label.class).getText());
    }

    @Test
    void speaksEnglishWithNlEn() {
        createPart("en");
        Table table = find("mobilepay.table", Table.class);
        assertEquals("Drug name", table.getColumn(0).getText());
        assertEquals(List.of("Mobile payment", "Refund"),
                Arrays.stream(find("mobilepay.tabs", CTabFolder.class).getItems()).map(i -> i.getText()).toList());
    }
}
