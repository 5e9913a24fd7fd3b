package org.medpay.refund.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

/** REF_REFUND + REF_EVENT in Derby through EclipseLink. Each write returns only once committed. */
public final class RefundJournal {

    private final EntityManagerFactory emf;

    public RefundJournal(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** Inserts the refund; false when the order already has one (the primary key says so). */
    public boolean create(RefundRow row, String detail) {
        try {
            write(row, detail, true);
            return true;
        } catch (RuntimeException e) {
            if (find(row.id).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    public void update(RefundRow row, String detail) {
        write(row, detail, false);
    }

    private void write(RefundRow row, String detail, boolean insert) {
        row.eventCount++;
        RefundEventRow e = new RefundEventRow();
        e.id = row.id + "#" + row.eventCount;
        e.refundId = row.id;
        e.at = row.updatedAt;
        e.state = row.state;
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

    public Optional<RefundRow> find(String id) {
        EntityManager em = emf.createEntityManager();
        try {
            RefundRow r = em.find(RefundRow.class, id);
            return Optional.ofNullable(r == null ? null : r.copy());
        } finally {
            em.close();
        }
    }

    /** The refunds of these orders (primary-key lookups, in chunks). */
    public List<RefundRow> findAll(Collection<String> ids) {
        List<RefundRow> out = new ArrayList<>();
        List<String> list = new ArrayList<>(ids);
        EntityManager em = emf.createEntityManager();
        try {
            for (int i = 0; i < list.size(); i += 200) {
                List<String> chunk = list.subList(i, Math.min(list.size(), i + 200));
                em.createQuery("SELECT r FROM RefundRow r WHERE r.id IN :ids", RefundRow.class)
                        .setParameter("ids", chunk).getResultList().forEach(r -> out.add(r.copy()));
            }
            return out;
        } finally {
            em.close();
        }
    }

    /** Unfinished refunds of every till (tools, tests). */
    public List<RefundRow> inProgress() {
        EntityManager em = emf.createEntityManager();
        try {
            return em.createQuery("SELECT r FROM RefundRow r WHERE r.state = :s ORDER BY r.createdAt", RefundRow.class)
                    .setParameter("s", RefundRow.IN_PROGRESS).getResultList().stream().map(RefundRow::copy).toList();
        } finally {
            em.close();
        }
    }

    /**
     * Unfinished refunds the till {@code tillId} drives: its own, and those without a till id. Rows without
     * one were written before tills were told apart, when every journal was one till's own embedded Derby:
     * the till that opens that database is the one that wrote them, and nobody else would ever finish them.
     * (Should such rows reach a central database, {@link #claim} keeps two tills from driving one.)
     */
    public List<RefundRow> inProgress(String tillId) {
        EntityManager em = emf.createEntityManager();
        try {
            return em.createQuery("SELECT r FROM RefundRow r WHERE r.state = :s AND (r.tillId = :t OR r.tillId IS NULL)"
                    + " ORDER BY r.createdAt", RefundRow.class)
                    .setParameter("s", RefundRow.IN_PROGRESS).setParameter("t", tillId).getResultList().stream()
                    .map(RefundRow::copy).toList();
        } finally {
            em.close();
        }
    }

    /**
     * Marks a refund without a till id as {@code tillId}'s, committed; false when it has one already (another
     * till claimed it first). A till resumes such a refund only after claiming it.
     */
    public boolean claim(String id, String tillId) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            // JPQL bulk update; the unit keeps no shared cache (persistence.xml), so find() reads the claim back.
            int n = em.createQuery("UPDATE RefundRow r SET r.tillId = :t WHERE r.id = :id AND r.tillId IS NULL")
                    .setParameter("t", tillId).setParameter("id", id).executeUpdate();
            tx.commit();
            return n == 1;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    public List<RefundEventRow> events(String id) {
        EntityManager em = emf.createEntityManager();
        try {
            return em.createQuery("SELECT e FROM RefundEventRow e WHERE e.refundId = :p", RefundEventRow.class)
                    .setParameter("p", id).getResultList().stream()
                    .sorted(java.util.Comparator.comparingInt(
                            (RefundEventRow r) -> Integer.parseInt(r.id.substring(r.id.indexOf('#') + 1))))
                    .toList();
        } finally {
            em.close();
        }
    }
}
