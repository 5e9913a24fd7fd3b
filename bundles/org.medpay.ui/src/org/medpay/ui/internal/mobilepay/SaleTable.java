package org.medpay.ui.internal.mobilepay;

import java.time.format.DateTimeFormatter;
import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.Sale;
import org.medpay.core.sale.SaleLine;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;

/** The drug table of P-8, nine columns, lines that forbid the insurance leg (N-2) shown in red. */
public class SaleTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final TableViewer viewer;
    private final Sale sale;

    public SaleTable(Composite parent, Sale sale) {
        this.sale = sale;
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        Table t = viewer.getTable();
        WidgetIds.name(t, "mobilepay.table");
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("column.name", 180, l -> l.drug().name());
        column("column.spec", 120, l -> l.drug().specification());
        column("column.unitPrice", 80, l -> l.drug().unitPrice().toYuanString());
        column("column.quantity", 60, l -> Integer.toString(l.quantity()));
        column("column.unit", 50, l -> l.drug().unit());
        column("column.chargeTime", 80, l -> TIME.format(l.chargeTime()));
        column("column.category", 60, l -> category(l.drug()));
        column("column.insuranceCode", 170, l -> l.drug().codeMatched() ? l.drug().nationalCode()
                : Messages.get("insuranceCode.unmatched"));
        column("column.lineTotal", 90, l -> l.total().toYuanString());
        viewer.setInput(sale.lines());
    }

    static String category(DrugRef d) {
        if (d.fullySelfPaid() || !d.codeMatched()) {
            return Messages.get("category.selfPaid");
        }
        return Messages.get("category." + d.insuranceClass().name());
    }

    private void column(String key, int width, Function<SaleLine, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(Messages.get(key));
        c.getColumn().setWidth(width);
        c.getColumn().setData(WidgetIds.KEY, key);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((SaleLine) element);
            }

            @Override
            public Color getForeground(Object element) {
                return ((SaleLine) element).drug().ineligibility() != null
                        ? viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_DARK_RED)
                        : null;
            }
        });
    }

    public void refresh() {
        viewer.setInput(sale.lines());
    }

    public TableViewer viewer() {
        return viewer;
    }

    public Control control() {
        return viewer.getControl();
    }
}
