package org.medpay.ui.internal.mobilepay;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;

/** The 退单 tab: criteria, 查询, results, 回退. The refund issue wires the behaviour. */
public class RefundForm {

    private final Composite page;

    public RefundForm(Composite parent) {
        page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(1).margins(8, 8).applyTo(page);
        Composite criteria = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(10).spacing(8, 4).applyTo(criteria);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(criteria);
        new Label(criteria, SWT.NONE).setText(Messages.get("refund.ssCode"));
        GridDataFactory.fillDefaults().hint(160, SWT.DEFAULT)
                .applyTo(WidgetIds.name(new Text(criteria, SWT.BORDER), "refund.ssCode"));
        new Label(criteria, SWT.NONE).setText(Messages.get("refund.tradeNo"));
        GridDataFactory.fillDefaults().hint(200, SWT.DEFAULT)
                .applyTo(WidgetIds.name(new Text(criteria, SWT.BORDER), "refund.tradeNo"));
        new Label(criteria, SWT.NONE).setText(Messages.get("refund.start"));
        WidgetIds.name(new DateTime(criteria, SWT.DATE | SWT.DROP_DOWN), "refund.start");
        new Label(criteria, SWT.NONE).setText(Messages.get("refund.end"));
        WidgetIds.name(new DateTime(criteria, SWT.DATE | SWT.DROP_DOWN), "refund.end");
        // A DateTime always holds a date: the cashier ticks this to query by time at all (R-2: "any of").
        Button useDates = WidgetIds.name(new Button(criteria, SWT.CHECK), "refund.useDates");
        useDates.setText(Messages.get("refund.useDates"));
        Button query = WidgetIds.name(new Button(criteria, SWT.PUSH), "refund.query");
        query.setText(Messages.get("refund.query"));

        Table results = WidgetIds.name(new Table(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE), "refund.results");
        results.setHeaderVisible(true);
        results.setLinesVisible(true);
        for (String key : new String[] { "refund.column.time", "refund.column.tradeNo", "refund.column.ssCode",
                "refund.column.total", "refund.column.account", "refund.column.channel", "refund.column.status" }) {
            TableColumn c = new TableColumn(results, SWT.NONE);
            c.setText(Messages.get(key));
            c.setWidth(130);
        }
        GridDataFactory.fillDefaults().grab(true, true).applyTo(results);
        Button rollback = WidgetIds.name(new Button(page, SWT.PUSH), "refund.rollback");
        rollback.setText(Messages.get("refund.rollback"));
        rollback.setEnabled(false);
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(rollback);
        Label message = WidgetIds.name(new Label(page, SWT.WRAP), "refund.message");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
    }

    public Control control() {
        return page;
    }
}
