package org.medpay.payment.internal;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

/** The journal in Derby (or the configured database) through EclipseLink; PAY_ATTEMPT + PAY_EVENT. */
public final class JpaJournal implements Journal {

    private final EntityManagerFactory emf;

    public JpaJournal(EntityManagerFactory emf) {
        this.emf = emf;
    }

    @Override
    public void create(AttemptRow row, String detail) {
        write(row, detail, true);
    }

    @Override
    public void update(AttemptRow row, String detail) {
        write(row, detail, false);
    }

    private void write(AttemptRow row, String detail, boolean insert) {
        row.eventCount++;
        EventRow e = new EventRow();
        e.id = row.id + "#" + row.eventCount;
        e.attemptId = row.id;
        e.at = row.updatedAt;
        e.state = row.state;
        e.phase = row.phase;
        e.insState = row.insState;
        e.chState = row.chState;
        e.detail = detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail;
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            if (insert) {
                em.persist(row.copy());
            } else {
                em.merge(row.copy());
            }
            em.persist(e);
            tx.commit();
        } catch (RuntimeException ex) {
            row.eventCount--;
            if (tx.isActive()) {
                tx.rollback();
            }
            throw ex;
        } finally {
            em.close();
        }
    }

    @Override
    public List<AttemptRow> open() {
        return query("SELECT a FROM AttemptRow a WHERE a.phase <> 'DONE' ORDER BY a.createdAt", null);
    }

    @Override
    public Optional<AttemptRow> openForSale(String saleId) {
        return query("SELECT a FROM AttemptRow a WHERE a.phase <> 'DONE' AND a.saleId = :p", saleId).stream()
                .findFirst();
    }

    @Override
    public Optional<AttemptRow> find(String id) {
        EntityManager em = emf.createEntityManager();
        try {
            AttemptRow r = em.find(AttemptRow.class, id);
            return Optional.ofNullable(r == null ? null : r.copy());
        } finally {
            em.close();
        }
    }

    @Override
    public List<AttemptRow> all() {
        return query("SELECT a FROM AttemptRow a ORDER BY a.createdAt", null);
    }

    @Override
    public List<EventRow> events(String attemptId) {
        EntityManager em = emf.createEntityManager();
        try {
            return em.createQuery("SELECT e FROM EventRow e WHERE e.attemptId = :p ORDER BY e.at", EventRow.class)
                    .setParameter("p", attemptId).getResultList().stream()
                    .sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.id.substring(r.id.indexOf('#') + 1))))
                    .toList();
        } finally {
            em.close();
        }
    }

    private List<AttemptRow> query(String jpql, String param) {
        EntityManager em = emf.createEntityManager();
        try {
            var q = em.createQuery(jpql, AttemptRow.class);
            if (param != null) {
                q.setParameter("p", param);
            }
            // Copies: the engine owns its rows; the shared cache must never be mutated behind EclipseLink.
            return q.getResultList().stream().map(AttemptRow::copy).toList();
        } finally {
            em.close();
        }
    }
}
