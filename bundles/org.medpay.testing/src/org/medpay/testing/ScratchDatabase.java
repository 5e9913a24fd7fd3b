package org.medpay.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * A database of a test's own, and plain SQL on it: a runtime service resumes the open rows of the shared
 * test database, so tests that leave rows open on purpose (two tills on one central database) use their own.
 */
public final class ScratchDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private ScratchDatabase() {
    }

    /** A JDBC URL of a fresh in-memory Derby database, a new one on every call. */
    public static String memoryUrl(String name) {
        return "jdbc:derby:memory:" + name + DATABASES.incrementAndGet() + ";create=true";
    }

    /** Runs one DDL or DML statement in a transaction of its own (e.g. to give a table its old shape). */
    public static void sql(EntityManagerFactory emf, String statement) throws SQLException {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            try (Statement s = em.unwrap(Connection.class).createStatement()) {
                s.executeUpdate(statement);
            }
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** Whether {@code table} has {@code column}, as the database's own metadata says (names in upper case). */
    public static boolean hasColumn(EntityManagerFactory emf, String table, String column) throws SQLException {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            try (ResultSet rs = em.unwrap(Connection.class).getMetaData().getColumns(null, null, table, column)) {
                return rs.next();
            } finally {
                em.getTransaction().rollback();
            }
        } finally {
            em.close();
        }
    }
}
