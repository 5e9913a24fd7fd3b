package org.medpay.ui.internal.scanner;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.medpay.scanner.ScanDiagnosis;
import org.medpay.scanner.ScanEvent;
import org.medpay.scanner.ScanListener;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.ScannerConfig.Mode;
import org.medpay.scanner.ScannerConfig.Parity;
import org.medpay.scanner.ScannerConfig.StopBits;
import org.medpay.scanner.ScannerConfig.Terminator;
import org.medpay.scanner.ScannerService;
import org.medpay.scanner.ScannerStatus;
import org.medpay.ui.internal.FormRows;
import org.medpay.ui.internal.Messages;
import org.medpay.ui.internal.WidgetIds;

/**
 * 扫码枪设置: mode (serial / keyboard wedge), the port list jSerialComm sees, the serial and timing
 * parameters (saved to Config Admin through the {@link ScannerService}), the live status, and a test area that
 * shows every scan's classification (masked), chars, duration and longest gap, so a cashier or IT can check a
 * scanner in seconds. Non-modal work stays off the UI thread: the port list and saving run in the background.
 */
public final class ScannerSettingsDialog extends Dialog implements ScanListener {

    private static final String[] BAUDS = { "1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200" };
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final ScannerService service;
    private Button serialMode;
    private Button wedgeMode;
    private Button enabled;
    private Combo port;
    private Combo baud;
    private Combo dataBits;
    private Combo parity;
    private Combo stopBits;
    private Combo terminator;
    private Spinner idleGap;
    private Spinner minChars;
    private Spinner maxGap;
    private Text prefix;
    private Text suffix;
    private Label status;
    private Label message;
    private Text testField;
    private Table results;

    public ScannerSettingsDialog(Shell parent, ScannerService service) {
        super(parent);
        this.service = service;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.get("scanner.settings.title"));
        WidgetIds.name(shell, "scanner.settings");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(1).applyTo(area);
        ScannerConfig c = service.config() == null ? ScannerConfig.DEFAULTS : service.config();

        Group modeGroup = FormRows.group(area, "scanner.mode", 3);
        wedgeMode = WidgetIds.name(new Button(modeGroup, SWT.RADIO), "scanner.mode.wedge");
        wedgeMode.setText(Messages.get("scanner.mode.wedge"));
        serialMode = WidgetIds.name(new Button(modeGroup, SWT.RADIO), "scanner.mode.serial");
        serialMode.setText(Messages.get("scanner.mode.serial"));
        enabled = WidgetIds.name(new Button(modeGroup, SWT.CHECK), "scanner.enabled");
        enabled.setText(Messages.get("scanner.enabled"));
        wedgeMode.setSelection(c.mode() == Mode.KEYBOARD_WEDGE);
        serialMode.setSelection(c.mode() == Mode.SERIAL);
        enabled.setSelection(c.enabled());

        Group serial = FormRows.group(area, "scanner.serial", 4);
        FormRows.label(serial, "scanner.port");
        port = WidgetIds.name(new Combo(serial, SWT.DROP_DOWN), "scanner.port");
        port.setText(c.port());
        GridDataFactory.fillDefaults().grab(true, false).hint(220, SWT.DEFAULT).applyTo(port);
        Button refresh = WidgetIds.name(new Button(serial, SWT.PUSH), "scanner.ports.refresh");
        refresh.setText(Messages.get("scanner.ports.refresh"));
        refresh.addListener(SWT.Selection, e -> loadPorts());
        new Label(serial, SWT.NONE);
        FormRows.label(serial, "scanner.baud");
        baud = combo(serial, "scanner.baud", BAUDS, Integer.toString(c.baudRate()));
        FormRows.label(serial, "scanner.dataBits");
        dataBits = combo(serial, "scanner.dataBits", new String[] { "5", "6", "7", "8" }, Integer.toString(c.dataBits()));
        FormRows.label(serial, "scanner.parity");
        parity = combo(serial, "scanner.parity", names(Parity.values()), c.parity().name());
        FormRows.label(serial, "scanner.stopBits");
        stopBits = combo(serial, "scanner.stopBits", names(StopBits.values()), c.stopBits().name());

        Group timing = FormRows.group(area, "scanner.timing", 4);
        FormRows.label(timing, "scanner.terminator");
        terminator = combo(timing, "scanner.terminator", names(Terminator.values()), c.terminator().name());
        FormRows.label(timing, "scanner.idleGap");
        idleGap = spinner(timing, "scanner.idleGap", 10, 10_000, c.idleGapMs());
        FormRows.label(timing, "scanner.minChars");
        minChars = spinner(timing, "scanner.minChars", 1, 64, c.minChars());
        FormRows.label(timing, "scanner.maxGap");
        maxGap = spinner(timing, "scanner.maxGap", 1, 1000, c.maxGapMs());
        prefix = FormRows.text(timing, "scanner.prefix", "scanner.prefix", SWT.BORDER, 0, SWT.DEFAULT, true);
        prefix.setText(c.prefix());
        suffix = FormRows.text(timing, "scanner.suffix", "scanner.suffix", SWT.BORDER, 0, SWT.DEFAULT, true);
        suffix.setText(c.suffix());

        status = WidgetIds.name(new Label(area, SWT.WRAP), "scanner.status");
        GridDataFactory.fillDefaults().grab(true, false).hint(600, SWT.DEFAULT).applyTo(status);
        message = WidgetIds.name(new Label(area, SWT.WRAP), "scanner.message");
        GridDataFactory.fillDefaults().grab(true, false).hint(600, SWT.DEFAULT).applyTo(message);

        Group test = FormRows.group(area, "scanner.test", 1);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(test);
        new Label(test, SWT.WRAP).setText(Messages.get("scanner.test.hint"));
        testField = WidgetIds.name(new Text(test, SWT.BORDER), "scanner.test.field");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(testField);
        results = WidgetIds.name(new Table(test, SWT.BORDER | SWT.FULL_SELECTION), "scanner.test.table");
        results.setHeaderVisible(true);
        results.setLinesVisible(true);
        for (String col : new String[] { "time", "source", "kind", "text", "chars", "duration", "maxGap", "reason" }) {
            TableColumn tc = new TableColumn(results, SWT.LEFT);
            tc.setText(Messages.get("scanner.test.column." + col));
            tc.setWidth(col.equals("reason") ? 320 : col.equals("text") ? 180 : 80);
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(900, 220).applyTo(results);

        KeyboardWedge.attach(testField, this, c);
        service.addListener(this);
        area.addListener(SWT.Dispose, e -> service.removeListener(this));
        loadPorts();
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button save = createButton(parent, IDialogConstants.OK_ID, Messages.get("scanner.save"), true);
        WidgetIds.name(save, "scanner.save");
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.get("scanner.close"), false);
    }

    @Override
    protected void okPressed() {
        save();
    }

    /** Saves to Config Admin in the background; the dialog stays open so the test area can check the result. */
    public void save() {
        ScannerConfig c;
        try {
            c = fromWidgets();
        } catch (IllegalArgumentException e) {
            message.setText(Messages.format("scanner.invalid", e.getMessage()));
            return;
        }
        KeyboardWedge.attach(testField, this, c);
        message.setText(Messages.get("scanner.saving"));
        var display = getShell().getDisplay();
        CompletableFuture.runAsync(() -> {
            String text;
            try {
                service.configure(c);
                text = Messages.get("scanner.saved");
            } catch (Exception e) {
                text = Messages.format("scanner.saveFailed", e.getMessage());
            }
            String t = text;
            display.asyncExec(() -> {
                if (!message.isDisposed()) {
                    message.setText(t);
                }
            });
        });
    }

    ScannerConfig fromWidgets() {
        return new ScannerConfig(serialMode.getSelection() ? Mode.SERIAL : Mode.KEYBOARD_WEDGE, enabled.getSelection(),
                port.getText(), parseInt(baud.getText()), parseInt(dataBits.getText()), Parity.valueOf(parity.getText()),
                StopBits.valueOf(stopBits.getText()), Terminator.valueOf(terminator.getText()), idleGap.getSelection(),
                prefix.getText(), suffix.getText(), minChars.getSelection(), maxGap.getSelection());
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s);
        }
    }

    private void loadPorts() {
        var display = getShell() != null ? getShell().getDisplay() : port.getDisplay();
        // jSerialComm enumerates devices: I/O, so not on the UI thread.
        CompletableFuture.supplyAsync(service::availablePorts).thenAccept(list -> display.asyncExec(() -> {
            if (port.isDisposed()) {
                return;
            }
            String current = port.getText();
            port.setItems(list.toArray(String[]::new));
            port.setText(current);
        }));
    }

    // ------------------------------------------------------------ ScanListener (any thread)

    @Override
    public void scanned(ScanEvent e) {
        ui(() -> row(e.receivedAt(), sourceText(e.source().name()),
                Messages.get("scanner.kind." + e.code().kind().name()), e.displayText(), Integer.toString(e.chars()),
                Long.toString(e.duration().toMillis()), Long.toString(e.maxGap().toMillis()), e.code().reason()));
    }

    @Override
    public void diagnosed(ScanDiagnosis d) {
        ui(() -> {
            row(d.at(), d.origin(), "N-4", "", "", "", "", d.message());
            message.setText(d.message());
        });
    }

    @Override
    public void statusChanged(ScannerStatus s) {
        ui(() -> status.setText(s.message()));
    }

    private String sourceText(String source) {
        return Messages.get("scanner.source." + source);
    }

    private void row(java.time.Instant at, String... cells) {
        if (results.isDisposed()) {
            return;
        }
        TableItem item = new TableItem(results, SWT.NONE, 0);
        String[] all = new String[cells.length + 1];
        all[0] = LocalTime.ofInstant(at, ZoneId.systemDefault()).format(HMS);
        System.arraycopy(cells, 0, all, 1, cells.length);
        item.setText(all);
    }

    private void ui(Runnable r) {
        Shell s = getShell();
        if (s == null || s.isDisposed()) {
            return;
        }
        if (s.getDisplay().getThread() == Thread.currentThread()) {
            r.run();
        } else {
            s.getDisplay().asyncExec(() -> {
                if (!s.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    // ------------------------------------------------------------ widget helpers

    private static Combo combo(Composite parent, String id, String[] items, String value) {
        Combo c = WidgetIds.name(new Combo(parent, SWT.READ_ONLY), id);
        c.setItems(items);
        int i = Arrays.asList(items).indexOf(value);
        if (i < 0) {
            c.add(value);
            i = c.getItemCount() - 1;
        }
        c.select(i);
        return c;
    }

    private static Spinner spinner(Composite parent, String id, int min, int max, int value) {
        Spinner s = WidgetIds.name(new Spinner(parent, SWT.BORDER), id);
        s.setValues(value, min, max, 0, 1, 10);
        return s;
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }

    static List<String> bauds() {
        return List.of(BAUDS);
    }
}
