package org.medpay.ui.internal.handlers;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.ProgressMonitorDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.medpay.catalogue.CatalogueImportException;
import org.medpay.catalogue.DrugCatalogue;
import org.medpay.catalogue.ImportProgress;
import org.medpay.catalogue.ImportResult;
import org.medpay.catalogue.RowProblem;
import org.medpay.ui.internal.Messages;

/**
 * Picks a CSV file and imports it with a progress dialog. The import runs in the dialog's background
 * thread (the UI thread keeps painting the progress bar); the result, or every bad row, is shown after.
 */
final class CatalogueImportDialog {

    static final int MAX_PROBLEMS_SHOWN = 20;
    private static final int TICKS = 1000;

    private CatalogueImportDialog() {
    }

    static void run(Shell shell, DrugCatalogue catalogue, boolean mappings) {
        String title = Messages.get(mappings ? "import.mappings.title" : "import.catalogue.title");
        if (catalogue == null) {
            MessageDialog.openError(shell, title, Messages.get("import.noCatalogue"));
            return;
        }
        FileDialog files = new FileDialog(shell, SWT.OPEN);
        files.setText(title);
        files.setFilterExtensions(new String[] { "*.csv;*.CSV;*.txt", "*.*" });
        String chosen = files.open();
        if (chosen == null) {
            return;
        }
        Path path = Path.of(chosen);
        AtomicReference<Object> outcome = new AtomicReference<>();
        try {
            new ProgressMonitorDialog(shell).run(true, false, monitor -> {
                monitor.beginTask(Messages.format("import.running", path.getFileName().toString()), TICKS);
                ImportProgress progress = new MonitorProgress(monitor);
                try {
                    outcome.set(mappings ? catalogue.importMappings(path, progress) : catalogue.importCatalogue(path, progress));
                } catch (CatalogueImportException e) {
                    outcome.set(e);
                } finally {
                    monitor.done();
                }
            });
        } catch (InvocationTargetException e) {
            outcome.set(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Object o = outcome.get();
        if (o instanceof ImportResult r) {
            MessageDialog.openInformation(shell, title, Messages.format("import.done", String.valueOf(r.rows()),
                    r.encoding().name(), String.valueOf(r.drugsInCatalogue()), String.format("%.1f", r.millis() / 1000.0)));
        } else if (o instanceof CatalogueImportException e) {
            MessageDialog.openError(shell, title, describe(e.problems()));
        } else if (o instanceof Throwable t) {
            MessageDialog.openError(shell, title, String.valueOf(t.getMessage()));
        }
    }

    /** Every bad row for the chain's IT, capped so the dialog stays readable. */
    static String describe(List<RowProblem> problems) {
        StringBuilder sb = new StringBuilder(Messages.format("import.failed", String.valueOf(problems.size())));
        int shown = Math.min(MAX_PROBLEMS_SHOWN, problems.size());
        for (int i = 0; i < shown; i++) {
            RowProblem p = problems.get(i);
            sb.append('\n').append(Messages.format("import.problem", String.valueOf(p.line()),
                    Messages.get("problem." + p.kind().name()), p.detail() == null ? "" : p.detail()));
        }
        if (problems.size() > shown) {
            sb.append('\n').append(Messages.format("import.more", String.valueOf(problems.size() - shown)));
        }
        return sb.toString();
    }

    /** Maps the catalogue's phases onto one bar: reading 5 %, checking 30 %, writing 55 %, indexing 10 %. */
    static final class MonitorProgress implements ImportProgress {
        private final IProgressMonitor monitor;
        private int reported;

        MonitorProgress(IProgressMonitor monitor) {
            this.monitor = monitor;
        }

        @Override
        public void progress(Phase phase, long done, long total) {
            double within = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
            double at = switch (phase) {
            case READING -> 0;
            case CHECKING -> 0.05 + 0.30 * within;
            case WRITING -> 0.35 + 0.55 * within;
            case INDEXING -> 0.90;
            case DONE -> 1.0;
            };
            int ticks = (int) (at * TICKS);
            if (ticks > reported) {
                monitor.worked(ticks - reported);
                reported = ticks;
            }
            monitor.subTask(Messages.get("import.phase." + phase.name()) + (total > 0 ? " " + done + "/" + total : ""));
        }
    }
}
