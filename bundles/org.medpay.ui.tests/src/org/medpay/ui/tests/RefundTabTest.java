package org.medpay.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.refund.Approval;
import org.medpay.refund.LegState;
import org.medpay.refund.QueryResult;
import org.medpay.refund.RefundCriteria;
import org.medpay.refund.RefundLeg;
import org.medpay.refund.RefundOrder;
import org.medpay.refund.RefundService;
import org.medpay.refund.RefundStatus;
import org.medpay.refund.RollBackOutcome;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.mobilepay.MobilePayPart;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * R-1..R-4 on the real part under Xvfb: the 退单 tab queries off the UI thread, fills the table, enables
 * 回退 only for a refundable order, asks 是 / 否 naming the order and amount, and shows the outcome per
 * leg. The refund service behind it is a scripted OSGi service here (the service itself is tested end
 * to end against Derby and the simulator in org.medpay.refund.tests).
 */
class RefundTabTest {

    /** Scripted service: one paid two-leg order that becomes refunded when rolled back. */
    static final class ScriptedRefunds implements RefundService {
        final List<String> queryThreads = new CopyOnWriteArrayList<>();
        final List<String> rolledBack = new CopyOnWriteArrayList<>();
        volatile RefundStatus status = RefundStatus.PAID;

        private List<RefundLeg> legs(LegState s) {
            return List.of(new RefundLeg(PaymentChannel.INSURANCE_ACCOUNT, Money.ofFen(100), s, ""),
                    new RefundLeg(PaymentChannel.ALIPAY, Money.ofFen(2400), s, ""));
        }

        @Override
        public QueryResult query(RefundCriteria c) {
            queryThreads.add(Thread.currentThread().getName());
            if (c.problem() != null) {
                return QueryResult.refused(c.problem());
            }
            if (!"MP0001".equals(c.tradeNo())) {
                return new QueryResult(List.of(), null, false);
            }
            return new QueryResult(List.of(new RefundOrder("MP0001", System.currentTimeMillis(), "51******1234",
                    Money.ofFen(2500), legs(LegState.PENDING), status, "999999")), null, false);
        }

        @Override
        public CompletableFuture<RollBackOutcome> rollBack(String orderNo, OperatorRef operator, Approval approval) {
            rolledBack.add(orderNo);
            status = RefundStatus.REFUNDED;
            return CompletableFuture.supplyAsync(() -> new RollBackOutcome(orderNo, RollBackOutcome.Result.REFUNDED,
                    null, 0, legs(LegState.REFUNDED)));
        }

        @Override
        public boolean approvalRequired() {
            return false;
        }

        @Override
        public List<String> inProgress() {
            return List.of();
        }
    }

    private Display display;
    private Shell shell;
    private IEclipseContext ctx;
    private ServiceRegistration<RefundService> reg;
    private final ScriptedRefunds refunds = new ScriptedRefunds();

    @BeforeEach
    void setUp() {
        System.setProperty("osgi.nl", "zh_CN");
        Messages.reset();
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(1200, 700);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, 1000);
        reg = FrameworkUtil.getBundle(MobilePayPart.class).getBundleContext().registerService(RefundService.class,
                refunds, props);
    }

    @AfterEach
    void tearDown() {
        reg.unregister();
        if (ctx != null) {
            ctx.dispose();
        }
        shell.dispose();
        System.clearProperty("osgi.nl");
        Messages.reset();
    }

    private MobilePayPart createPart() {
        ctx = EclipseContextFactory
                .getServiceContext(FrameworkUtil.getBundle(MobilePayPart.class).getBundleContext()).createChild();
        ctx.set(Composite.class, shell);
        MobilePayPart part = ContextInjectionFactory.make(MobilePayPart.class, ctx);
        shell.layout(true, true);
        shell.open();
        spinUntil(() -> true);
        return part;
    }

    private void spinUntil(BooleanSupplier done) {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            while (display.readAndDispatch()) {
                // drain
            }
            if (done.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("UI did not get there within 10 s");
    }

    private <T> T w(Class<T> type, String id) {
        return type.cast(WidgetIds.find(shell, id));
    }

    private void click(Button b) {
        b.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    @Test
    void queriesSelectsRollsBackAndConfirms() {
        MobilePayPart part = createPart();
        part.showRefundTab();
        CTabFolder tabs = w(CTabFolder.class, "mobilepay.tabs");
        assertEquals("tab.refund", tabs.getSelection().getData(WidgetIds.KEY));
        Label message = w(Label.class, "refund.message");
        Button rollback = w(Button.class, "refund.rollback");
        Table table = w(Table.class, "refund.results");

        // Nothing filled in: said at once, nothing queried.
        click(w(Button.class, "refund.query"));
        assertEquals(Messages.get("refund.refusal.NO_CRITERIA"), message.getText());
        assertTrue(refunds.queryThreads.isEmpty());

        // Enter in the 交易号 field queries, off the UI thread.
        Text tradeNo = w(Text.class, "refund.tradeNo");
        tradeNo.setText("MP0001");
        tradeNo.notifyListeners(SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
        spinUntil(() -> table.getItemCount() == 1);
        assertNotEquals(display.getThread().getName(), refunds.queryThreads.get(0));
        assertEquals("MP0001", table.getItem(0).getText(1));
        assertEquals("51******1234", table.getItem(0).getText(2));
        assertEquals(Messages.get("refund.status.PAID"), table.getItem(0).getText(6));
        assertEquals(0, table.getSelectionIndex(), "the first order is selected for the keyboard");
        assertTrue(rollback.isEnabled(), "a paid order can be rolled back");

        // 否: nothing is refunded.
        List<String> asked = new ArrayList<>();
        part.refundController().setConfirmer((s, text, approval) -> {
            asked.add(text);
            return null;
        });
        click(rollback);
        assertTrue(refunds.rolledBack.isEmpty());
        assertEquals(Messages.get("refund.cancelled"), message.getText());

        // 是: the dialog named the order and the amount; the outcome is shown per leg.
        part.refundController().setConfirmer((s, text, approval) -> {
            asked.add(text);
            return new Approval("", "");
        });
        click(rollback);
        assertTrue(asked.get(1).contains("MP0001") && asked.get(1).contains(Money.ofFen(2500).format()), asked.get(1));
        spinUntil(() -> message.getText().contains(Messages.get("refund.leg.REFUNDED"))
                && table.getItemCount() == 1
                && table.getItem(0).getText(6).equals(Messages.get("refund.status.REFUNDED")));
        assertEquals(List.of("MP0001"), refunds.rolledBack);
        assertTrue(message.getText().contains(Messages.get("refund.channel.ALIPAY")), message.getText());
        assertFalse(rollback.isEnabled(), "a refunded order cannot be rolled back again");
    }
}
