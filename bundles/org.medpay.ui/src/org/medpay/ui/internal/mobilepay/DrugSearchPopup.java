package org.medpay.ui.internal.mobilepay;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.medpay.catalogue.DrugHit;
import org.medpay.core.sale.DrugRef;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;

/**
 * The search results under the entry field. Keyboard focus stays in the entry field (the cashier keeps
 * typing or scanning); Up/Down there move the selection here, Enter takes it.
 */
public final class DrugSearchPopup {

    private static final int VISIBLE_ROWS = 12;
    private static final String[] COLUMNS = { "search.column.code", "column.name", "column.spec", "column.unit",
            "column.unitPrice", "column.insuranceCode", "column.category", "search.column.manufacturer" };
    private static final int[] WIDTHS = { 90, 170, 110, 45, 70, 190, 55, 200 };

    private final Text anchor;
    private final Consumer<DrugHit> onChoose;
    private Shell shell;
    private Table table;
    private List<DrugHit> hits = List.of();
    private String query = "";

    public DrugSearchPopup(Text anchor, Consumer<DrugHit> onChoose) {
        this.anchor = anchor;
        this.onChoose = onChoose;
    }

    private void create() {
        shell = new Shell(anchor.getShell(), SWT.ON_TOP | SWT.TOOL | SWT.NO_TRIM);
        shell.setLayout(new FillLayout());
        table = WidgetIds.name(new Table(shell, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL),
                "mobilepay.searchResults");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn c = new TableColumn(table, SWT.NONE);
            c.setText(Messages.get(COLUMNS[i]));
            c.setWidth(WIDTHS[i]);
        }
        table.addListener(SWT.DefaultSelection, e -> {
            DrugHit h = selected();
            if (h != null) {
                onChoose.accept(h);
            }
        });
    }

    public void show(String forQuery, List<DrugHit> results) {
        if (anchor.isDisposed()) {
            return;
        }
        if (shell == null || shell.isDisposed()) {
            create();
        }
        this.query = forQuery;
        this.hits = List.copyOf(results);
        table.setRedraw(false);
        table.removeAll();
        for (DrugHit h : hits) {
            DrugRef d = h.drug();
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { d.pharmacyCode(), d.name() + (h.tradeName().isEmpty() ? "" : " (" + h.tradeName() + ")"),
                    d.specification(), d.unit(), d.unitPrice().toYuanString(),
                    d.codeMatched() ? d.nationalCode() : Messages.get("insuranceCode.unmatched"), SaleTable.category(d),
                    h.manufacturer() });
            if (d.ineligibility() != null) {
                item.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            }
        }
        table.setRedraw(true);
        if (!hits.isEmpty()) {
            table.setSelection(0);
        }
        Point at = anchor.toDisplay(0, anchor.getSize().y);
        int width = 0;
        for (int w : WIDTHS) {
            width += w;
        }
        int rows = Math.max(1, Math.min(VISIBLE_ROWS, hits.size()));
        int height = table.getHeaderHeight() + rows * table.getItemHeight() + 2 * table.getBorderWidth() + 4;
        shell.setBounds(at.x, at.y, Math.max(width + 24, anchor.getSize().x), height);
        if (!shell.isVisible()) {
            shell.setVisible(true);
            anchor.setFocus();
        }
    }

    public void hide() {
        if (shell != null && !shell.isDisposed() && shell.isVisible()) {
            shell.setVisible(false);
        }
        hits = List.of();
        query = "";
    }

    public boolean isVisible() {
        return shell != null && !shell.isDisposed() && shell.isVisible();
    }

    /** Moves the selection by {@code delta} rows, staying within the list. */
    public void move(int delta) {
        if (!isVisible() || hits.isEmpty()) {
            return;
        }
        int i = Math.max(0, Math.min(hits.size() - 1, table.getSelectionIndex() + delta));
        table.setSelection(i);
        table.showSelection();
    }

    public DrugHit selected() {
        if (!isVisible()) {
            return null;
        }
        int i = table.getSelectionIndex();
        return i >= 0 && i < hits.size() ? hits.get(i) : null;
    }

    /** The text these results answer; a result for an older text must not be taken. */
    public String query() {
        return query;
    }

    public Table table() {
        return table;
    }

    public void dispose() {
        if (shell != null && !shell.isDisposed()) {
            shell.dispose();
        }
    }
}
