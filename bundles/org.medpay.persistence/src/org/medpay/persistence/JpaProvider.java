package org.medpay.persistence;

import jakarta.persistence.EntityManagerFactory;

/**
 * Hands each domain bundle an {@link EntityManagerFactory} for its own persistence unit, on the database
 * the workstation is configured for (embedded Derby in the user's data area by default, a chain's central
 * database by configuration). The caller owns the factory and closes it when it deactivates.
 */
public interface JpaProvider {

    /**
     * @param unitName     the unit named in the caller's {@code META-INF/persistence.xml}
     * @param entityLoader a class loader that sees the caller's entities and its persistence.xml
     */
    EntityManagerFactory createEntityManagerFactory(String unitName, ClassLoader entityLoader);

    /**
     * The same unit on another database with the same driver and settings: tools and tests that must
     * not share the workstation's own (a benchmark's scratch data, a test the running services must not
     * see).
     *
     * @param jdbcUrl the database, e.g. {@code jdbc:derby:memory:scratch;create=true}
     */
    EntityManagerFactory createEntityManagerFactory(String unitName, ClassLoader entityLoader, String jdbcUrl);

    /** The JDBC URL in use, with any password removed; for the status bar and support. */
    String describeDatabase();

    /** True when this is the embedded default (one till, one database). */
    boolean isEmbedded();
}
