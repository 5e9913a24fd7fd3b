package org.medpay.ui.internal.mobilepay;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.core.di.extensions.Service;
import org.medpay.catalogue.DrugCatalogue;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Text;
import org.medpay.core.sale.Sale;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.StartupReport;
import org.medpay.ui.internal.WidgetIds;

/**
 * The mobile-pay screen of P-8: two tabs (手机支付 / 退单); on the first, the drug total, the 已对码
 * indicator, 取消订单(C), the drug table, the 电子社保码 field and 扫码结算(G).
 */
public class MobilePayPart {

    private final Sale sale = new Sale();

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    IWorkbench workbench;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @org.eclipse.e4.core.di.extensions.Service
    org.medpay.payment.PaymentService payments;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    org.eclipse.e4.core.services.events.IEventBroker events;

    private SettlementController settlement;
    /** The catalogue, when DS has it; sale entry says so when it has not. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    volatile DrugCatalogue catalogue;

    /** Tests put a fixed clock in the context; the till uses the system's. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    java.time.Clock clock;

    private SaleEntryController entryController;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @org.eclipse.e4.core.di.extensions.Service
    org.medpay.refund.RefundService refunds;

    private RefundController refundController;

    private CTabFolder tabs;
    private Text entry;
    private Label total;
    private Button codeMatched;
    private SaleTable table;
    private org.medpay.ui.internal.operator.MobilePayFrame frame;
    private final java.util.function.Consumer<Sale> saleListener = s -> refresh();
    // Scanner (issue 5): wedge on both fields, serial scans routed by kind; see ScanRouting.
    private ScanRouting scanRouting;
    private org.medpay.scanner.ScannerService scanner;

    @Inject
    void setScanner(@org.eclipse.e4.core.di.annotations.Optional @org.eclipse.e4.core.di.extensions.Service org.medpay.scanner.ScannerService s) {
        scanner = s;
        ScanRouting routing = scanRouting;
        if (routing == null || tabs == null || tabs.isDisposed()) {
            return;
        }
        // DS re-registers the scanner service from whichever thread changed its configuration: the
        // routing touches widgets, so it is told on the UI thread.
        if (tabs.getDisplay().getThread() == Thread.currentThread()) {
            routing.setScanner(s);
        } else {
            tabs.getDisplay().asyncExec(() -> {
                if (!tabs.isDisposed() && scanner == s) {
                    routing.setScanner(s);
                }
            });
        }
    }

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new org.eclipse.swt.layout.FillLayout());
        tabs = WidgetIds.name(new CTabFolder(parent, SWT.TOP | SWT.BORDER), "mobilepay.tabs");
        CTabItem payTab = WidgetIds.name(new CTabItem(tabs, SWT.NONE), "tab.mobilepay");
        payTab.setText(Messages.get("tab.mobilepay"));
        payTab.setControl(createPayTab(tabs));
        CTabItem refundTab = WidgetIds.name(new CTabItem(tabs, SWT.NONE), "tab.refund");
        refundTab.setText(Messages.get("tab.refund"));
        refundTab.setControl(new RefundForm(tabs).control());
        refundController = new RefundController(refundTab.getControl(), () -> refunds, RefundController.BACKGROUND,
                SettlementController::currentOperator); // the signed-in cashier goes on every refund (issue 7)
        tabs.setSelection(payTab);
        // Issue 7: sign-in before selling, the operator bar, the guidance strip (P-2..P-6).
        frame = org.medpay.ui.internal.operator.MobilePayFrame.install(parent, tabs, sale);
        sale.addListener(saleListener);
        refresh();
        Listener firstPaint = new Listener() {
            @Override
            public void handleEvent(org.eclipse.swt.widgets.Event e) {
                tabs.removeListener(SWT.Paint, this);
                StartupReport.mobilePayPainted(workbench, tabs.getDisplay());
            }
        };
        tabs.addListener(SWT.Paint, firstPaint);
        scanRouting = ScanRouting.install(tabs, scanner);
    }

    private Composite createPayTab(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(1).margins(8, 8).spacing(6, 6).applyTo(page);

        Composite header = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).spacing(12, 0).applyTo(header);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        new Label(header, SWT.NONE).setText(Messages.get("mobilepay.drugTotal"));
        total = WidgetIds.name(new Label(header, SWT.NONE), "mobilepay.total");
        total.setData("org.eclipse.e4.ui.css.CssClassName", "total");
        GridDataFactory.fillDefaults().hint(140, SWT.DEFAULT).applyTo(total);
        codeMatched = WidgetIds.name(new Button(header, SWT.CHECK), "mobilepay.codeMatched");
        codeMatched.setText(Messages.get("mobilepay.codeMatched"));
        // An indicator, not an input: the cashier reads it, the sale sets it.
        codeMatched.addListener(SWT.Selection, e -> codeMatched.setSelection(sale.allCodeMatched()));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(codeMatched);
        Button cancel = WidgetIds.name(new Button(header, SWT.PUSH), "mobilepay.cancelOrder");
        cancel.setText(Messages.get("mobilepay.cancelOrder"));
        cancel.addListener(SWT.Selection, e -> entryController.cancelOrder());

        Composite entryRow = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(entryRow);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(entryRow);
        new Label(entryRow, SWT.NONE).setText(Messages.get("mobilepay.entry"));
        entry = WidgetIds.name(new Text(entryRow, SWT.BORDER | SWT.SEARCH), "mobilepay.entry");
        entry.setMessage(Messages.get("mobilepay.entry.hint"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(entry);

        table = new SaleTable(page, sale);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.control());
        entryController = new SaleEntryController(page, entry, table, sale, () -> catalogue,
                clock != null ? clock : java.time.Clock.systemDefaultZone());

        Composite settleRow = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(settleRow);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(settleRow);
        new Label(settleRow, SWT.NONE).setText(Messages.get("mobilepay.evoucher"));
        Text evoucher = WidgetIds.name(new Text(settleRow, SWT.BORDER | SWT.PASSWORD), "mobilepay.evoucher");
        evoucher.setMessage(Messages.get("mobilepay.evoucher.hint"));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(evoucher);
        Button settle = WidgetIds.name(new Button(settleRow, SWT.PUSH), "mobilepay.scanSettle");
        settle.setText(Messages.get("mobilepay.scanSettle"));
        settle.addListener(SWT.Selection, e -> evoucher.setFocus());
        settlement = new SettlementController(page, evoucher, settle, sale, () -> payments, () -> events);
        settlement.watchRegion(payments);
        return page;
    }

    private void refresh() {
        if (total == null || total.isDisposed()) {
            return;
        }
        if (total.getDisplay().getThread() != Thread.currentThread()) {
            total.getDisplay().asyncExec(this::refresh);
            return;
        }
        total.setText(sale.total().format());
        codeMatched.setSelection(sale.allCodeMatched());
        table.refresh();
        total.getParent().layout();
    }

    Sale sale() {
        return sale;
    }

    /** Sign-in gate and guidance strip; the settlement code calls {@code frame().guidance().on…()}. */
    public org.medpay.ui.internal.operator.MobilePayFrame frame() {
        return frame;
    }

    SaleEntryController entryController() {
        return entryController;
    }

    public RefundController refundController() {
        return refundController;
    }

    /** the 退单 toolbar item and the refund command open this view on the refund tab. */
    public void showRefundTab() {
        for (CTabItem item : tabs.getItems()) {
            if ("tab.refund".equals(item.getData(WidgetIds.KEY))) {
                tabs.setSelection(item);
                if (WidgetIds.find(item.getControl(), "refund.ssCode") instanceof Text t) {
                    t.setFocus();
                }
            }
        }
    }

    @Focus
    void focus() {
        if (entry != null && !entry.isDisposed()) {
            entry.setFocus();
        }
    }

    /** DS re-injects the payment service when it is replaced: the banner then follows the new one. */
    @Inject
    void paymentsChanged(@org.eclipse.e4.core.di.annotations.Optional @Service org.medpay.payment.PaymentService s) {
        SettlementController c = settlement;
        if (c != null && tabs != null && !tabs.isDisposed()) {
            tabs.getDisplay().asyncExec(() -> {
                if (!tabs.isDisposed() && payments == s) {
                    c.watchRegion(s);
                }
            });
        }
    }

    @PreDestroy
    void dispose() {
        if (settlement != null) {
            settlement.watchRegion(null);
        }
        sale.removeListener(saleListener);
        if (scanRouting != null) {
            scanRouting.dispose();
        }
    }
}
