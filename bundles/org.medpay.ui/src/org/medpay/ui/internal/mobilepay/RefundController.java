package org.medpay.ui.internal.mobilepay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.refund.Approval;
import org.medpay.refund.QueryResult;
import org.medpay.refund.RefundCriteria;
import org.medpay.refund.RefundLeg;
import org.medpay.refund.RefundOrder;
import org.medpay.refund.RefundService;
import org.medpay.refund.RollBackOutcome;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the 退单 tab (R-2..R-4): 查询 runs the query on a background thread and fills the table on the UI
 * thread; 回退 is enabled only for a refundable order; the confirmation (是 / 否) names the order and the
 * amount, and asks the supervisor's code and PIN when the till requires an approval; the outcome is shown
 * per leg. The UI thread never waits on the service.
 */
public final class RefundController {

    private static final Logger LOG = LoggerFactory.getLogger(RefundController.class);
    /** Queries and refreshes run here, never on the UI thread. */
    public static final Executor BACKGROUND = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "medpay-refund-ui");
        t.setDaemon(true);
        return t;
    });
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What the cashier answers in the R-4 dialog; tests substitute it (a real dialog would block them). */
    public interface Confirmer {
        /** @return {@code null} for 否; an empty-code approval when no supervisor was asked */
        Approval confirm(Shell shell, String message, boolean needsApproval);
    }

    private final Supplier<RefundService> service;
    private final Executor background;
    private final Supplier<OperatorRef> operator;
    private final Text ssCode;
    private final Text tradeNo;
    private final DateTime start;
    private final DateTime end;
    private final Button useDates;
    private final Button query;
    private final Table results;
    private final Button rollback;
    private final Label message;
    private volatile Confirmer confirmer = RefundController::dialog;
    private final List<RefundOrder> shown = new ArrayList<>();
    private RefundCriteria lastCriteria;

    public RefundController(Control page, Supplier<RefundService> service, Executor background,
            Supplier<OperatorRef> operator) {
        this.service = service;
        this.background = background;
        this.operator = operator;
        ssCode = (Text) WidgetIds.find(page, "refund.ssCode");
        tradeNo = (Text) WidgetIds.find(page, "refund.tradeNo");
        start = (DateTime) WidgetIds.find(page, "refund.start");
        end = (DateTime) WidgetIds.find(page, "refund.end");
        useDates = (Button) WidgetIds.find(page, "refund.useDates");
        query = (Button) WidgetIds.find(page, "refund.query");
        results = (Table) WidgetIds.find(page, "refund.results");
        rollback = (Button) WidgetIds.find(page, "refund.rollback");
        message = (Label) WidgetIds.find(page, "refund.message");

        start.setEnabled(false);
        end.setEnabled(false);
        useDates.addListener(SWT.Selection, e -> {
            start.setEnabled(useDates.getSelection());
            end.setEnabled(useDates.getSelection());
        });
        query.addListener(SWT.Selection, e -> runQuery());
        // Enter in a criterion field queries, as 查询 would (keyboard use throughout).
        ssCode.addListener(SWT.DefaultSelection, e -> runQuery());
        tradeNo.addListener(SWT.DefaultSelection, e -> runQuery());
        results.addListener(SWT.Selection, e -> updateRollback());
        results.addListener(SWT.DefaultSelection, e -> {
            if (rollback.isEnabled()) {
                startRollBack();
            }
        });
        rollback.addListener(SWT.Selection, e -> startRollBack());
    }

    public void setConfirmer(Confirmer c) {
        this.confirmer = c;
    }

    private RefundCriteria criteria() {
        LocalDateTime from = null;
        LocalDateTime to = null;
        if (useDates.getSelection()) {
            from = LocalDateTime.of(start.getYear(), start.getMonth() + 1, start.getDay(), 0, 0);
            to = LocalDateTime.of(end.getYear(), end.getMonth() + 1, end.getDay(), 23, 59, 59);
        }
        return new RefundCriteria(ssCode.getText(), tradeNo.getText(), from, to);
    }

    void runQuery() {
        RefundService s = service.get();
        if (s == null) {
            show(Messages.get("refund.unavailable"));
            return;
        }
        RefundCriteria c = criteria();
        if (c.problem() != null) {
            // Checked here too so the cashier hears at once, without a round trip.
            show(Messages.get("refund.refusal." + c.problem().name()));
            return;
        }
        lastCriteria = c;
        query.setEnabled(false);
        show(Messages.get("refund.querying"));
        background.execute(() -> {
            QueryResult r;
            try {
                r = s.query(c);
            } catch (RuntimeException e) {
                LOG.error("Refund query failed", e);
                r = QueryResult.refused(org.medpay.refund.Refusal.INTERNAL);
            }
            QueryResult result = r;
            ui(() -> showResults(result));
        });
    }

    private void showResults(QueryResult r) {
        query.setEnabled(true);
        if (r.refusal() != null) {
            show(Messages.get("refund.refusal." + r.refusal().name()));
            return;
        }
        String selected = selectedOrder() == null ? null : selectedOrder().orderNo();
        shown.clear();
        shown.addAll(r.orders());
        results.removeAll();
        for (RefundOrder o : r.orders()) {
            TableItem item = new TableItem(results, SWT.NONE);
            item.setText(new String[] { TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(o.timeMillis()),
                    ZoneId.systemDefault())), o.orderNo(), o.maskedSsCode(), o.total().format(),
                    leg(o, true), leg(o, false), Messages.get("refund.status." + o.status().name()) });
            if (o.orderNo().equals(selected)) {
                results.setSelection(item);
            }
        }
        if (r.orders().isEmpty()) {
            show(Messages.get("refund.none"));
        } else {
            show(Messages.format(r.truncated() ? "refund.found.truncated" : "refund.found", r.orders().size()));
            if (results.getSelectionIndex() < 0) {
                results.setSelection(0);
            }
            results.setFocus();
        }
        updateRollback();
    }

    private static String leg(RefundOrder o, boolean insurance) {
        for (RefundLeg l : o.legs()) {
            if ((l.channel() == PaymentChannel.INSURANCE_ACCOUNT) == insurance) {
                return insurance ? l.amount().format() : l.amount().format() + " " + channelName(l.channel());
            }
        }
        return "";
    }

    private static String channelName(PaymentChannel c) {
        return Messages.get("refund.channel." + c.name());
    }

    private RefundOrder selectedOrder() {
        int i = results.getSelectionIndex();
        return i >= 0 && i < shown.size() ? shown.get(i) : null;
    }

    private void updateRollback() {
        RefundOrder o = selectedOrder();
        rollback.setEnabled(o != null && o.refundable());
    }

    void startRollBack() {
        RefundOrder o = selectedOrder();
        RefundService s = service.get();
        if (o == null || !o.refundable() || s == null) {
            return;
        }
        // the cashier confirms the order and the amount that goes back.
        String text = Messages.format("refund.confirm", o.orderNo(), o.total().format(), legsText(o.legs(), false));
        Approval approval = confirmer.confirm(results.getShell(), text, s.approvalRequired());
        if (approval == null) {
            show(Messages.get("refund.cancelled"));
            return;
        }
        rollback.setEnabled(false);
        show(Messages.format("refund.rollingBack", o.orderNo()));
        Approval given = approval.supervisorCode() == null || approval.supervisorCode().isEmpty() ? null : approval;
        s.rollBack(o.orderNo(), operator.get(), given).whenComplete((out, err) -> ui(() -> {
            if (err != null) {
                LOG.error("Roll back of {} failed", o.orderNo(), err);
                show(Messages.get("refund.refusal.INTERNAL"));
            } else {
                show(outcomeText(out));
            }
            if (lastCriteria != null) {
                String m = message.getText();
                requery(m);
            }
        }));
    }

    /** Refreshes the statuses after a roll back, keeping the outcome on screen. */
    private void requery(String keep) {
        RefundService s = service.get();
        RefundCriteria c = lastCriteria;
        background.execute(() -> {
            QueryResult r = s.query(c);
            ui(() -> {
                showResults(r);
                show(keep);
            });
        });
    }

    static String outcomeText(RollBackOutcome out) {
        return switch (out.result()) {
        case REFUNDED -> Messages.format("refund.outcome.REFUNDED", out.orderNo(), legsText(out.legs(), true));
        case IN_PROGRESS -> Messages.format("refund.outcome.IN_PROGRESS", out.orderNo(), legsText(out.legs(), true));
        case FAILED -> Messages.format("refund.outcome.FAILED", out.orderNo(), legsText(out.legs(), true));
        case REFUSED -> Messages.format("refund.refusal." + out.refusal().name(), out.windowDays());
        };
    }

    private static String legsText(List<RefundLeg> legs, boolean withState) {
        StringBuilder b = new StringBuilder();
        for (RefundLeg l : legs) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(channelName(l.channel())).append(' ').append(l.amount().format());
            if (withState) {
                b.append(' ').append(Messages.get("refund.leg." + l.state().name()));
                if (!l.message().isEmpty()) {
                    b.append(" (").append(l.message()).append(')');
                }
            }
        }
        return b.toString();
    }

    private void show(String text) {
        if (!message.isDisposed()) {
            message.setText(text);
            message.getParent().layout();
        }
    }

    private void ui(Runnable r) {
        if (results.isDisposed()) {
            return;
        }
        results.getDisplay().asyncExec(() -> {
            if (!results.isDisposed()) {
                r.run();
            }
        });
    }

    /** The real R-4 dialog: 是 / 否 (否 is the default, so a stray Enter refunds nothing). */
    static Approval dialog(Shell shell, String text, boolean needsApproval) {
        if (!needsApproval) {
            MessageDialog d = new MessageDialog(shell, Messages.get("refund.confirm.title"), null, text,
                    MessageDialog.QUESTION, 1, Messages.get("refund.yes"), Messages.get("refund.no"));
            return d.open() == 0 ? new Approval("", "") : null;
        }
        ApprovalDialog d = new ApprovalDialog(shell, text);
        return d.open() == 0 ? d.approval : null;
    }

    /** The confirmation plus the supervisor's code and PIN, when the till requires an approval. */
    private static final class ApprovalDialog extends Dialog {
        private final String text;
        private Text code;
        private Text pin;
        Approval approval;

        ApprovalDialog(Shell shell, String text) {
            super(shell);
            this.text = text;
        }

        @Override
        protected void configureShell(Shell s) {
            super.configureShell(s);
            s.setText(Messages.get("refund.confirm.title"));
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite c = (Composite) super.createDialogArea(parent);
            GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
            Label l = new Label(c, SWT.WRAP);
            l.setText(text);
            GridDataFactory.fillDefaults().span(2, 1).hint(420, SWT.DEFAULT).applyTo(l);
            new Label(c, SWT.NONE).setText(Messages.get("refund.supervisor.code"));
            code = WidgetIds.name(new Text(c, SWT.BORDER), "refund.supervisor.code");
            GridDataFactory.fillDefaults().grab(true, false).applyTo(code);
            new Label(c, SWT.NONE).setText(Messages.get("refund.supervisor.pin"));
            pin = WidgetIds.name(new Text(c, SWT.BORDER | SWT.PASSWORD), "refund.supervisor.pin");
            GridDataFactory.fillDefaults().grab(true, false).applyTo(pin);
            return c;
        }

        @Override
        protected void createButtonsForButtonBar(Composite parent) {
            createButton(parent, 0, Messages.get("refund.yes"), false);
            createButton(parent, 1, Messages.get("refund.no"), true);
        }

        @Override
        protected void buttonPressed(int id) {
            if (id == 0) {
                approval = new Approval(code.getText().strip(), pin.getText());
            }
            setReturnCode(id);
            close();
        }
    }
}
