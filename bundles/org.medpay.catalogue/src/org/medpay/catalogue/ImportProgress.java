package org.medpay.catalogue;

/** Hears how far an import is; called from the catalogue's worker thread, never the UI thread. */
@FunctionalInterface
public interface ImportProgress {

    ImportProgress NONE = (phase, done, total) -> {
    };

    enum Phase {
        READING, CHECKING, WRITING, INDEXING, DONE
    }

    /** @param total 0 when not known */
    void progress(Phase phase, long done, long total);
}
