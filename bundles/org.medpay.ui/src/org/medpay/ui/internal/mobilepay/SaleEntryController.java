package org.medpay.ui.internal.mobilepay;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.TableEditor;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.medpay.catalogue.DrugCatalogue;
import org.medpay.catalogue.DrugHit;
import org.medpay.catalogue.MatchRank;
import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.Eligibility;
import org.medpay.core.sale.Sale;
import org.medpay.core.sale.SaleException;
import org.medpay.core.sale.SaleLine;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;

/**
 * Keyboard-first sale entry of P-8/P-9/P-10: typing in the entry field searches the catalogue (off the UI
 * thread) and shows the popup; Up/Down choose, Enter adds one unit; a scanned barcode (Enter straight
 * after the code) adds at once; in the table Enter edits the quantity, Delete removes the line (P-10),
 * Escape goes back to the entry field. Below the table it says whether the sale may use the insurance
 * account and, if not, which line forbids it (N-2).
 */
public final class SaleEntryController {

    /** Asks the cashier a yes/no question; tests put an answer in place of the dialog. */
    @FunctionalInterface
    public interface Confirmer {
        boolean confirm(Shell parent, String title, String question);
    }

    public static final Confirmer DIALOG = MessageDialog::openQuestion;
    static final int SEARCH_LIMIT = 50;

    private final Text entry;
    private final SaleTable saleTable;
    private final Table table;
    private final Sale sale;
    private final Supplier<DrugCatalogue> catalogue;
    private final Clock clock;
    private final Label message;
    private final Label eligibility;
    private final DrugSearchPopup popup;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "medpay-sale-entry");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generation = new AtomicLong();
    private final Consumer<Sale> saleListener = s -> onUi(this::updateEligibility);
    private Confirmer confirmer = DIALOG;
    private TableEditor quantityEditor;

    /** Creates its two labels in {@code page} right where it is called (under the table). */
    public SaleEntryController(Composite page, Text entry, SaleTable saleTable, Sale sale, Supplier<DrugCatalogue> catalogue,
            Clock clock) {
        this.entry = entry;
        this.saleTable = saleTable;
        this.table = saleTable.viewer().getTable();
        this.sale = sale;
        this.catalogue = catalogue;
        this.clock = clock;
        eligibility = WidgetIds.name(new Label(page, SWT.WRAP), "mobilepay.eligibility");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(eligibility);
        message = WidgetIds.name(new Label(page, SWT.WRAP), "mobilepay.entryMessage");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(message);
        popup = new DrugSearchPopup(entry, this::choose);

        entry.addListener(SWT.Modify, e -> onTextChanged());
        entry.addListener(SWT.DefaultSelection, e -> onEnter());
        entry.addListener(SWT.KeyDown, this::onEntryKey);
        entry.addListener(SWT.FocusOut, e -> entry.getDisplay().timerExec(150, () -> {
            // Clicking elsewhere closes the popup; focus moving into the popup itself does not.
            if (!entry.isDisposed() && !entry.isFocusControl() && (popup.table() == null || !popup.table().isFocusControl())) {
                popup.hide();
            }
        }));
        table.addListener(SWT.KeyDown, this::onTableKey);
        table.addListener(SWT.DefaultSelection, e -> editQuantity());
        sale.addListener(saleListener);
        entry.addListener(SWT.Dispose, e -> dispose());
        updateEligibility();
    }

    public void setConfirmer(Confirmer confirmer) {
        this.confirmer = confirmer;
    }

    public DrugSearchPopup popup() {
        return popup;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---- entry field -------------------------------------------------------------------------------

    private void onTextChanged() {
        String q = entry.getText().strip();
        if (q.isEmpty()) {
            generation.incrementAndGet();
            popup.hide();
            return;
        }
        search(q, hits -> {
            if (hits.isEmpty()) {
                popup.hide();
                say(Messages.format("mobilepay.entry.notFound", q), true);
            } else {
                say("", false);
                popup.show(q, hits);
            }
        });
    }

    private void onEnter() {
        String q = entry.getText().strip();
        if (q.isEmpty()) {
            return;
        }
        DrugHit chosen = popup.selected();
        if (chosen != null && q.equals(popup.query())) {
            choose(chosen);
            return;
        }
        DrugCatalogue c = catalogue.get();
        if (c == null) {
            say(Messages.get("mobilepay.entry.noCatalogue"), true);
            return;
        }
        long gen = generation.incrementAndGet();
        LocalDate day = today();
        submit(() -> {
            // A scanner ends the code with Enter: an exact barcode adds at once, without the popup.
            Optional<DrugRef> scanned = c.findByBarcode(q, day);
            List<DrugHit> hits = scanned.isPresent() ? List.of() : c.search(q, SEARCH_LIMIT, day);
            onUi(() -> {
                if (gen != generation.get()) {
                    return;
                }
                if (scanned.isPresent()) {
                    add(scanned.get());
                } else if (!hits.isEmpty() && hits.get(0).rank() == MatchRank.EXACT
                        && (hits.size() == 1 || hits.get(1).rank() != MatchRank.EXACT)) {
                    add(hits.get(0).drug());
                } else if (hits.isEmpty()) {
                    say(notFoundText(c, q), true);
                } else {
                    popup.show(q, hits);
                }
            });
        });
    }

    private void onEntryKey(Event e) {
        switch (e.keyCode) {
        case SWT.ARROW_DOWN -> {
            if (popup.isVisible()) {
                popup.move(1);
            } else if (table.getItemCount() > 0) {
                table.setFocus();
                if (table.getSelectionIndex() < 0) {
                    table.setSelection(0);
                }
            }
            e.doit = false;
        }
        case SWT.ARROW_UP -> {
            popup.move(-1);
            e.doit = false;
        }
        case SWT.CR, SWT.KEYPAD_CR -> {
            org.medpay.ui.internal.scanner.KeyboardWedge wedge = org.medpay.ui.internal.scanner.KeyboardWedge.of(entry);
            if (wedge != null && wedge.takesTerminator(e)) {
                // The Enter of a wedge scan: the wedge hands the code back with DefaultSelection. Taking it
                // here as well added the scanned drug twice whenever the first lookup finished first.
                e.doit = false;
                return;
            }
            // Handled here rather than only on DefaultSelection: scanners send Enter as a key, and not
            // every platform turns it into DefaultSelection on a search field. doit=false stops the
            // native activation, so it is never taken twice.
            e.doit = false;
            onEnter();
        }
        case SWT.PAGE_DOWN -> popup.move(10);
        case SWT.PAGE_UP -> popup.move(-10);
        case SWT.ESC -> {
            popup.hide();
            entry.setText("");
        }
        default -> {
            // typing goes to the field
        }
        }
    }

    private void search(String q, Consumer<List<DrugHit>> then) {
        DrugCatalogue c = catalogue.get();
        if (c == null) {
            say(Messages.get("mobilepay.entry.noCatalogue"), true);
            return;
        }
        long gen = generation.incrementAndGet();
        LocalDate day = today();
        submit(() -> {
            List<DrugHit> hits = c.search(q, SEARCH_LIMIT, day);
            onUi(() -> {
                // Only the newest keystroke's answer counts.
                if (gen == generation.get()) {
                    if (hits.isEmpty() && !c.isReady()) {
                        say(Messages.get("mobilepay.entry.loading"), true);
                        popup.hide();
                    } else {
                        then.accept(hits);
                    }
                }
            });
        });
    }

    private String notFoundText(DrugCatalogue c, String q) {
        return c.isReady() ? Messages.format("mobilepay.entry.notFound", q) : Messages.get("mobilepay.entry.loading");
    }

    private void choose(DrugHit hit) {
        add(hit.drug());
    }

    /** One more unit: a drug already in the sale gets its quantity raised, a new one gets a line. */
    void add(DrugRef drug) {
        generation.incrementAndGet();
        popup.hide();
        try {
            SaleLine existing = sale.lines().stream().filter(l -> l.drug().equals(drug)).findFirst().orElse(null);
            if (existing != null) {
                sale.changeQuantity(existing.lineNo(), existing.quantity() + 1);
            } else {
                sale.add(drug, 1, LocalDateTime.now(clock));
            }
            entry.setText("");
            say(Messages.format("mobilepay.entry.added", drug.name(), drug.specification()), false);
            selectLine(existing != null ? existing.lineNo() : lastLineNo());
        } catch (SaleException ex) {
            say(saleError(ex), true);
        }
        entry.setFocus();
    }

    private int lastLineNo() {
        List<SaleLine> lines = sale.lines();
        return lines.isEmpty() ? -1 : lines.get(lines.size() - 1).lineNo();
    }

    private void selectLine(int lineNo) {
        saleTable.refresh();
        List<SaleLine> lines = sale.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).lineNo() == lineNo) {
                table.setSelection(i);
                table.showSelection();
                return;
            }
        }
    }

    // ---- table -------------------------------------------------------------------------------------

    private void onTableKey(Event e) {
        switch (e.keyCode) {
        case SWT.DEL -> {
            removeSelected();
            e.doit = false;
        }
        case SWT.F2 -> editQuantity();
        case SWT.ESC -> entry.setFocus();
        default -> {
            // navigation stays with the table
        }
        }
    }

    /** P-10: the selected line goes; the selection moves to its neighbour so Delete can repeat. */
    public void removeSelected() {
        int i = table.getSelectionIndex();
        List<SaleLine> lines = sale.lines();
        if (i < 0 || i >= lines.size()) {
            say(Messages.get("mobilepay.delete.noSelection"), true);
            return;
        }
        SaleLine line = lines.get(i);
        sale.remove(line.lineNo());
        saleTable.refresh();
        say(Messages.format("mobilepay.delete.done", line.drug().name()), false);
        int left = table.getItemCount();
        if (left == 0) {
            entry.setFocus();
        } else {
            table.setSelection(Math.min(i, left - 1));
        }
    }

    /** Opens an editor on the quantity cell of the selected line; Enter commits, Escape cancels. */
    public void editQuantity() {
        int i = table.getSelectionIndex();
        List<SaleLine> lines = sale.lines();
        if (i < 0 || i >= lines.size()) {
            return;
        }
        closeQuantityEditor();
        SaleLine line = lines.get(i);
        TableItem item = table.getItem(i);
        quantityEditor = new TableEditor(table);
        quantityEditor.grabHorizontal = true;
        Text text = WidgetIds.name(new Text(table, SWT.BORDER | SWT.RIGHT), "mobilepay.quantityEditor");
        text.setTextLimit(6);
        text.setText(Integer.toString(line.quantity()));
        text.selectAll();
        quantityEditor.setEditor(text, item, 3);
        text.addListener(SWT.DefaultSelection, e -> commitQuantity(line.lineNo(), text));
        text.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_ESCAPE) {
                e.doit = false;
                closeQuantityEditor();
                table.setFocus();
            }
        });
        text.addListener(SWT.FocusOut, e -> text.getDisplay().asyncExec(() -> {
            if (!text.isDisposed() && !text.isFocusControl()) {
                closeQuantityEditor();
            }
        }));
        text.setFocus();
        say(Messages.format("mobilepay.quantity.hint", SaleLine.MAX_QUANTITY), false);
    }

    private void commitQuantity(int lineNo, Text text) {
        String raw = text.getText().strip();
        int q;
        if (raw.isEmpty() || raw.length() > 6 || !raw.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            say(Messages.format("mobilepay.quantity.invalid", raw, SaleLine.MAX_QUANTITY), true);
            text.selectAll();
            return;
        }
        q = Integer.parseInt(raw);
        try {
            sale.changeQuantity(lineNo, q);
        } catch (SaleException ex) {
            say(saleError(ex), true);
            text.selectAll();
            return;
        }
        closeQuantityEditor();
        selectLine(lineNo);
        table.setFocus();
        say("", false);
    }

    private void closeQuantityEditor() {
        if (quantityEditor != null) {
            if (quantityEditor.getEditor() != null && !quantityEditor.getEditor().isDisposed()) {
                quantityEditor.getEditor().dispose();
            }
            quantityEditor.dispose();
            quantityEditor = null;
        }
    }

    // ---- order ---------------------------------------------------------------------------------------

    /** 取消订单(C): the whole sale goes, after the cashier says yes. */
    public void cancelOrder() {
        if (sale.isEmpty()) {
            entry.setFocus();
            return;
        }
        boolean yes = confirmer.confirm(entry.getShell(), Messages.get("mobilepay.cancel.title"),
                Messages.format("mobilepay.cancel.question", sale.lines().size(), sale.total().format()));
        if (yes) {
            closeQuantityEditor();
            sale.clear();
            entry.setText("");
            say(Messages.get("mobilepay.cancel.done"), false);
        }
        entry.setFocus();
    }

    private void updateEligibility() {
        if (eligibility.isDisposed()) {
            return;
        }
        if (sale.isEmpty()) {
            eligibility.setText("");
        } else {
            Eligibility e = sale.insuranceEligibility();
            if (e.insuranceAllowed()) {
                eligibility.setText(Messages.get("mobilepay.eligibility.allowed"));
                eligibility.setForeground(null);
            } else {
                int position = sale.lines().indexOf(e.blockingLine()) + 1;
                eligibility.setText(Messages.format("mobilepay.eligibility.blocked", String.valueOf(position),
                        e.blockingLine().drug().name(), Messages.get("ineligible." + e.reason().name())));
                eligibility.setForeground(eligibility.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
            }
        }
        eligibility.getParent().layout(new org.eclipse.swt.widgets.Control[] { eligibility });
    }

    private String saleError(SaleException ex) {
        return switch (ex.kind()) {
        case QUANTITY_NOT_POSITIVE, QUANTITY_TOO_LARGE ->
            Messages.format("mobilepay.quantity.invalid", String.valueOf(ex.value()), SaleLine.MAX_QUANTITY);
        case TOO_MANY_LINES -> Messages.format("mobilepay.sale.tooManyLines", Sale.MAX_LINES);
        case TOTAL_TOO_LARGE -> Messages.format("mobilepay.sale.totalTooLarge", Sale.MAX_TOTAL.format(),
                Money.ofFen(ex.value()).format());
        case NO_SUCH_LINE -> Messages.get("mobilepay.delete.noSelection");
        };
    }

    private void say(String text, boolean error) {
        if (message.isDisposed()) {
            return;
        }
        message.setText(text);
        message.setForeground(error ? message.getDisplay().getSystemColor(SWT.COLOR_RED) : null);
        message.getParent().layout(new org.eclipse.swt.widgets.Control[] { message });
    }

    public String messageText() {
        return message.getText();
    }

    private void submit(Runnable r) {
        try {
            worker.submit(() -> {
                try {
                    r.run();
                } catch (RuntimeException ex) {
                    onUi(() -> say(Messages.format("mobilepay.entry.error", ex.getMessage()), true));
                }
            });
        } catch (RejectedExecutionException ex) {
            // view is closing
        }
    }

    private void onUi(Runnable r) {
        if (entry.isDisposed()) {
            return;
        }
        Display d = entry.getDisplay();
        if (d.getThread() == Thread.currentThread()) {
            r.run();
        } else {
            d.asyncExec(() -> {
                if (!entry.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    public void dispose() {
        worker.shutdownNow();
        sale.removeListener(saleListener);
        popup.dispose();
    }
}
