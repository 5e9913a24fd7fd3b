package org.medpay.catalogue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.medpay.core.sale.DrugRef;

/**
 * The pharmacy's drug catalogue: drugs, barcodes, and their mapping to the national insurance catalogue
 * (对码) with validity dates. Searches answer from memory and never wait for the database; imports and
 * the first load run on the catalogue's own worker, so callers on the UI thread must still hand imports
 * to a background job (they block until done).
 */
public interface DrugCatalogue {

    /** Upper bound on {@code limit} for {@link #search}: a till popup shows a screenful, not a report. */
    int MAX_RESULTS = 200;

    /**
     * Exact barcode, pharmacy-code prefix, national-code prefix, pinyin-initials prefix and name
     * substring, ranked exact &gt; prefix &gt; contains; at most {@code limit} hits. Empty while the
     * catalogue is still loading.
     *
     * @param saleDate the date the matching (已对码) in each hit's {@link DrugRef} is frozen for
     */
    List<DrugHit> search(String query, int limit, LocalDate saleDate);

    /** The drug carrying exactly this barcode, frozen for the sale date (a scan adds at once). */
    Optional<DrugRef> findByBarcode(String barcode, LocalDate saleDate);

    /**
     * The drug as a sale line must remember it on {@code saleDate}: matched (nationalCode and class set)
     * only when a mapping is valid that day, both ends inclusive. {@code null} when there is no such drug.
     */
    DrugRef resolve(String pharmacyCode, LocalDate saleDate);

    /** The mapping valid on that date, with its self-pay ratio; empty when unmatched that day. */
    Optional<InsuranceMapping> mappingOn(String pharmacyCode, LocalDate saleDate);

    /** Number of drugs in the loaded catalogue (0 while loading). */
    int size();

    /** True once the catalogue has been read from the database (or the demo data loaded). */
    boolean isReady();

    /**
     * Replaces the whole catalogue by a CSV file (columns: {@code docs/catalogue-import.md}). All or
     * nothing: on any bad row nothing changes and the exception lists every bad row.
     */
    ImportResult importCatalogue(Path csv, ImportProgress progress) throws CatalogueImportException;

    /**
     * Replaces the insurance mappings of the drugs listed in a mapping-update CSV; drugs not listed keep
     * theirs. All or nothing, like {@link #importCatalogue}.
     */
    ImportResult importMappings(Path csv, ImportProgress progress) throws CatalogueImportException;
}
