package org.medpay.catalogue.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.medpay.catalogue.CatalogueImportException;
import org.medpay.catalogue.DrugCatalogue;
import org.medpay.catalogue.DrugHit;
import org.medpay.catalogue.ImportProgress;
import org.medpay.catalogue.ImportResult;
import org.medpay.catalogue.InsuranceMapping;
import org.medpay.catalogue.RowProblem;
import org.medpay.core.sale.DrugRef;
import org.medpay.persistence.JpaProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue service. Activation only starts a worker thread: opening the database, the first load
 * and (on the embedded default's first start) the demo data all happen there, so whoever triggers
 * activation — possibly the UI thread through an injected service — never waits. Every write runs on
 * that one worker, so the demo load and an import can never interleave.
 */
@Component(service = DrugCatalogue.class, immediate = true)
public final class JpaDrugCatalogue implements DrugCatalogue {

    /** Framework/system property: {@code false} keeps an empty embedded catalogue empty. */
    public static final String DEMO_PROPERTY = "medpay.catalogue.demo";
    static final String UNIT = "medpay.catalogue";

    private static final Logger LOG = LoggerFactory.getLogger(JpaDrugCatalogue.class);

    private final JpaProvider jpa;
    private final boolean demo;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "medpay-catalogue");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<Void> ready;
    private volatile CatalogueIndex index = CatalogueIndex.EMPTY;
    private volatile boolean loaded;
    private volatile boolean closing;
    private EntityManagerFactory emf;

    @Activate
    public JpaDrugCatalogue(@Reference JpaProvider jpa) {
        this(jpa, !"false".equalsIgnoreCase(System.getProperty(DEMO_PROPERTY, "true")));
    }

    JpaDrugCatalogue(JpaProvider jpa, boolean demo) {
        this.jpa = jpa;
        this.demo = demo;
        this.ready = CompletableFuture.runAsync(this::load, worker);
    }

    private void load() {
        // The till's first window does not need the index: let it paint first (StartupGate).
        if (!org.medpay.core.startup.StartupGate.awaitWindow(() -> closing)) {
            loaded = true;
            return;
        }
        try {
            List<DrugRecord> records = inTransaction(CatalogueStore::loadAll);
            if (records.isEmpty() && demo && jpa.isEmbedded()) {
                long t0 = System.nanoTime();
                List<DrugRecord> generated = DemoCatalogue.generate(DemoCatalogue.DEFAULT_SIZE, DemoCatalogue.SEED);
                inTransaction(c -> {
                    CatalogueStore.replaceAll(c, generated, ImportProgress.NONE);
                    return null;
                });
                records = generated;
                LOG.info("Empty embedded catalogue: loaded {} demo drugs in {} ms", generated.size(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            index = new CatalogueIndex(records);
            LOG.info("Drug catalogue ready: {} drugs", records.size());
        } catch (RuntimeException | SQLException e) {
            LOG.error("Drug catalogue could not be loaded; searches find nothing until an import succeeds", e);
        } finally {
            loaded = true;
        }
    }

    /** Stops the worker and closes the database factory (DS deactivation; tests close their own instances). */
    @Deactivate
    public void close() {
        closing = true;
        worker.shutdown();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (emf != null) {
                emf.close();
                emf = null;
            }
        }
    }

    /** Waits (for tests and tools, never the UI) until the first load finished. */
    public boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            ready.get(timeout, unit);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return loaded;
        }
    }

    private synchronized EntityManagerFactory emf() {
        if (emf == null) {
            emf = jpa.createEntityManagerFactory(UNIT, JpaDrugCatalogue.class.getClassLoader());
        }
        return emf;
    }

    public interface JdbcWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** JDBC on the connection of a JPA transaction: JPA commits, or rolls back on any failure. */
    public <T> T inTransaction(JdbcWork<T> work) throws SQLException {
        EntityManager em = emf().createEntityManager();
        try {
            em.getTransaction().begin();
            Connection c = em.unwrap(Connection.class);
            T result = work.run(c);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Override
    public List<DrugHit> search(String query, int limit, LocalDate saleDate) {
        return index.search(query, Math.min(limit, MAX_RESULTS), saleDate);
    }

    @Override
    public Optional<DrugRef> findByBarcode(String barcode, LocalDate saleDate) {
        if (barcode == null) {
            return Optional.empty();
        }
        DrugRecord d = index.byBarcode(barcode);
        return d == null ? Optional.empty() : Optional.of(d.refOn(saleDate));
    }

    @Override
    public DrugRef resolve(String pharmacyCode, LocalDate saleDate) {
        if (pharmacyCode == null) {
            return null;
        }
        DrugRecord d = index.byCode(pharmacyCode);
        return d == null ? null : d.refOn(saleDate);
    }

    @Override
    public Optional<InsuranceMapping> mappingOn(String pharmacyCode, LocalDate saleDate) {
        DrugRecord d = pharmacyCode == null ? null : index.byCode(pharmacyCode);
        return d == null ? Optional.empty() : d.mappingOn(saleDate);
    }

    @Override
    public int size() {
        return index.size();
    }

    @Override
    public boolean isReady() {
        return loaded;
    }

    @Override
    public ImportResult importCatalogue(Path csv, ImportProgress progress) throws CatalogueImportException {
        return onWorker(() -> {
            long t0 = System.nanoTime();
            CsvFile file = read(csv, progress);
            List<RowProblem> problems = new ArrayList<>();
            List<DrugRecord> records = checked(csv, () -> CatalogueCsv.readCatalogue(file, progress, problems));
            if (!problems.isEmpty()) {
                throw new CatalogueImportException(problems);
            }
            long t1 = System.nanoTime();
            write(c -> {
                CatalogueStore.replaceAll(c, records, progress);
                return null;
            });
            long t2 = System.nanoTime();
            progress.progress(ImportProgress.Phase.INDEXING, 0, records.size());
            index = new CatalogueIndex(records);
            progress.progress(ImportProgress.Phase.DONE, records.size(), records.size());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            LOG.info("Catalogue import: {} drugs from {} ({}) in {} ms (read+check {} ms, database {} ms, index {} ms)",
                    records.size(), csv.getFileName(), file.charset(), ms, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (System.nanoTime() - t2) / 1_000_000);
            return new ImportResult(records.size(), records.size(), file.charset(), ms);
        });
    }

    @Override
    public ImportResult importMappings(Path csv, ImportProgress progress) throws CatalogueImportException {
        return onWorker(() -> {
            long t0 = System.nanoTime();
            CsvFile file = read(csv, progress);
            List<RowProblem> problems = new ArrayList<>();
            CatalogueIndex current = index;
            List<CatalogueCsv.MappingRow> rows = checked(csv, () -> CatalogueCsv.readMappings(file,
                    code -> current.byCode(code) != null, progress, problems));
            if (!problems.isEmpty()) {
                throw new CatalogueImportException(problems);
            }
            Map<String, List<InsuranceMapping>> byDrug = new LinkedHashMap<>();
            for (CatalogueCsv.MappingRow r : rows) {
                String code = current.byCode(r.code()).code();
                List<InsuranceMapping> list = byDrug.computeIfAbsent(code, k -> new ArrayList<>());
                if (r.mapping() != null) {
                    list.add(r.mapping());
                }
            }
            write(c -> {
                CatalogueStore.replaceMappings(c, byDrug, progress);
                return null;
            });
            progress.progress(ImportProgress.Phase.INDEXING, 0, current.size());
            Map<String, List<InsuranceMapping>> lookup = new HashMap<>(byDrug);
            List<DrugRecord> updated = new ArrayList<>(current.size());
            for (DrugRecord d : current.records()) {
                List<InsuranceMapping> m = lookup.get(d.code());
                updated.add(m == null ? d : d.withMappings(m));
            }
            index = new CatalogueIndex(updated);
            progress.progress(ImportProgress.Phase.DONE, rows.size(), rows.size());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            LOG.info("Mapping update: {} rows for {} drugs from {} in {} ms", rows.size(), byDrug.size(), csv.getFileName(), ms);
            return new ImportResult(rows.size(), updated.size(), file.charset(), ms);
        });
    }

    /** Finds the charset only: the rows are read one at a time while they are checked (CsvFile). */
    private static CsvFile read(Path csv, ImportProgress progress) throws CatalogueImportException {
        progress.progress(ImportProgress.Phase.READING, 0, 0);
        try {
            return CsvFile.open(csv);
        } catch (IOException e) {
            throw new CatalogueImportException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /** The file is read while it is checked: a read failure then is still "cannot read", not a crash. */
    private static <T> T checked(Path csv, java.util.function.Supplier<T> reading) throws CatalogueImportException {
        try {
            return reading.get();
        } catch (java.io.UncheckedIOException e) {
            throw new CatalogueImportException("cannot read " + csv + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void write(JdbcWork<Void> work) throws CatalogueImportException {
        try {
            inTransaction(work);
        } catch (SQLException | RuntimeException e) {
            LOG.error("Catalogue import rolled back", e);
            throw new CatalogueImportException("database refused the import, nothing changed: " + e.getMessage(), e);
        }
    }

    interface ImportTask {
        ImportResult run() throws CatalogueImportException;
    }

    private ImportResult onWorker(ImportTask task) throws CatalogueImportException {
        Future<ImportResult> f = worker.submit(() -> {
            try {
                return task.run();
            } catch (CatalogueImportException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogueImportException("import interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.util.concurrent.CompletionException ce && ce.getCause() instanceof CatalogueImportException cie) {
                throw cie;
            }
            throw new CatalogueImportException("import failed: " + cause, cause);
        }
    }
}
