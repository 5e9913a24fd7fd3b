package org.medpay.ui.internal.register;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.medpay.register.ChainVerification;
import org.medpay.register.ComplianceRegister;
import org.medpay.register.RegisterEntry;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;
import org.medpay.ui.internal.operator.Async;

/**
 * The register view for inspections: entries of a date range (identifiers masked), the hash-chain check, and
 * export to CSV (for Excel) or printable HTML. All database work runs off the UI thread.
 */
public class RegisterPart {

    private static final String[] COLUMNS = { "seq", "time", "buyer", "idNumber", "role", "insured", "total", "insurance",
            "channel", "operator", "settlementId" };
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    @Optional
    @Service
    ComplianceRegister register;

    private final Clock clock = Clock.systemDefaultZone();
    private DateTime from;
    private DateTime to;
    private Table table;
    private Label status;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().numColumns(1).margins(8, 8).applyTo(parent);
        Composite filter = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(8).applyTo(filter);
        new Label(filter, SWT.NONE).setText(Messages.get("register.view.from"));
        from = WidgetIds.name(new DateTime(filter, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER), "register.view.from");
        new Label(filter, SWT.NONE).setText(Messages.get("register.view.to"));
        to = WidgetIds.name(new DateTime(filter, SWT.DATE | SWT.DROP_DOWN | SWT.BORDER), "register.view.to");
        LocalDate today = LocalDate.now(clock);
        setDate(from, today);
        setDate(to, today);
        Button query = button(filter, "register.view.query");
        query.addListener(SWT.Selection, e -> query());
        Button verify = button(filter, "register.view.verify");
        verify.addListener(SWT.Selection, e -> verify());
        Button csv = button(filter, "register.view.exportCsv");
        csv.addListener(SWT.Selection, e -> chooseAndExport(true));
        Button html = button(filter, "register.view.exportHtml");
        html.addListener(SWT.Selection, e -> chooseAndExport(false));

        table = WidgetIds.name(new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL), "register.view.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String c : COLUMNS) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(Messages.get("register.view.col." + c));
            col.setWidth(c.equals("time") ? 150 : 110);
        }
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        status = WidgetIds.name(new Label(parent, SWT.WRAP), "register.view.status");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        if (register == null) {
            status.setText(Messages.get("register.view.unavailable"));
        } else {
            query();
        }
    }

    private static Button button(Composite parent, String id) {
        Button b = WidgetIds.name(new Button(parent, SWT.PUSH), id);
        b.setText(Messages.get(id));
        return b;
    }

    private static void setDate(DateTime w, LocalDate d) {
        w.setDate(d.getYear(), d.getMonthValue() - 1, d.getDayOfMonth());
    }

    static LocalDate date(DateTime w) {
        return LocalDate.of(w.getYear(), w.getMonth() + 1, w.getDay());
    }

    /** For tests and callers that want a range without clicking the date widgets. */
    public void setRange(LocalDate a, LocalDate b) {
        setDate(from, a);
        setDate(to, b);
    }

    public void query() {
        if (register == null) {
            return;
        }
        LocalDate a = date(from);
        LocalDate b = date(to);
        status.setText(Messages.get("register.view.loading"));
        Async.run(table, () -> register.entries(a, b), this::show,
                e -> status.setText(Messages.get("register.view.failed")));
    }

    private void show(List<RegisterEntry> entries) {
        table.removeAll();
        ZoneId zone = clock.getZone();
        for (RegisterEntry e : entries) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { Long.toString(e.seq()), TIME.format(e.recordedAt().atZone(zone)), e.buyer().name(),
                    e.buyer().maskedIdNumber(), Messages.get("register.form.role." + (e.role().name().equals("PROXY") ? "proxy" : "insured")),
                    e.insuredPerson().name(), e.total().format(), e.insuranceAmount().format(), e.channelAmount().format(),
                    e.operator().name(), e.settlement().map(s -> s.settlementId()).orElse("") });
        }
        status.setText(Messages.format("register.view.count", entries.size()));
    }

    public void verify() {
        if (register == null) {
            return;
        }
        status.setText(Messages.get("register.view.verifying"));
        Async.run(table, register::verifyChain, this::showVerification,
                e -> status.setText(Messages.get("register.view.failed")));
    }

    private void showVerification(ChainVerification v) {
        status.setText(v.ok() ? Messages.format("register.view.chainOk", v.checked(), v.headHash())
                : Messages.format("register.view.chainBroken", Long.toString(v.brokenAtSeq().getAsLong()),
                        Messages.get("register.view.problem." + v.problem())));
    }

    private void chooseAndExport(boolean csv) {
        FileDialog d = new FileDialog(table.getShell(), SWT.SAVE);
        d.setOverwrite(true);
        d.setFilterExtensions(new String[] { csv ? "*.csv" : "*.html" });
        d.setFileName("register-" + date(from) + "_" + date(to) + (csv ? ".csv" : ".html"));
        String file = d.open();
        if (file != null) {
            exportTo(Path.of(file), csv);
        }
    }

    /** Writes the current range to {@code file} in the background; the status line says when it is done. */
    public void exportTo(Path file, boolean csv) {
        if (register == null) {
            return;
        }
        LocalDate a = date(from);
        LocalDate b = date(to);
        Async.run(table, () -> {
            try (OutputStream out = Files.newOutputStream(file)) {
                if (csv) {
                    register.exportCsv(a, b, out);
                } else {
                    register.exportHtml(a, b, out);
                }
            }
            return file;
        }, f -> status.setText(Messages.format("register.view.exported", f.toString())),
                e -> status.setText(Messages.get("register.view.failed")));
    }

    public String statusText() {
        return status.getText();
    }
}
