package org.medpay.payment.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.TypedQuery;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.payment.AttemptState;
import org.medpay.payment.PaidOrder;
import org.medpay.payment.PaidOrders;

/** {@link PaidOrders} on PAY_ATTEMPT; creates the indexes the refund queries need. */
public final class JpaPaidOrders implements PaidOrders {

    /** Derby has no CREATE INDEX IF NOT EXISTS: "already exists" (X0Y32) is the normal case after the first start. */
    static final String[] INDEXES = {
            "CREATE INDEX PAY_ATTEMPT_PSN ON PAY_ATTEMPT (INSPERSONNO, CREATEDAT DESC)",
            "CREATE INDEX PAY_ATTEMPT_CREATED ON PAY_ATTEMPT (CREATEDAT DESC)" };

    private final EntityManagerFactory emf;

    public JpaPaidOrders(EntityManagerFactory emf) {
        this.emf = emf;
        createIndexes();
    }

    private void createIndexes() {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            Connection c = em.unwrap(Connection.class);
            for (String ddl : INDEXES) {
                try (Statement s = c.createStatement()) {
                    s.execute(ddl);
                } catch (SQLException e) {
                    if (!"X0Y32".equals(e.getSQLState())) {
                        throw new IllegalStateException("cannot create index: " + ddl, e);
                    }
                }
            }
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Override
    public List<PaidOrder> find(String personNo, String orderNo, Long fromMillis, Long toMillis, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT a FROM AttemptRow a WHERE a.state = :paid");
        if (personNo != null) {
            jpql.append(" AND a.insPersonNo = :psn");
        }
        if (orderNo != null) {
            jpql.append(" AND a.id = :id");
        }
        if (fromMillis != null) {
            jpql.append(" AND a.createdAt >= :from");
        }
        if (toMillis != null) {
            jpql.append(" AND a.createdAt <= :to");
        }
        jpql.append(" ORDER BY a.createdAt DESC");
        EntityManager em = emf.createEntityManager();
        try {
            TypedQuery<AttemptRow> q = em.createQuery(jpql.toString(), AttemptRow.class);
            q.setParameter("paid", AttemptState.PAID.name());
            if (personNo != null) {
                q.setParameter("psn", personNo);
            }
            if (orderNo != null) {
                q.setParameter("id", orderNo);
            }
            if (fromMillis != null) {
                q.setParameter("from", fromMillis);
            }
            if (toMillis != null) {
                q.setParameter("to", toMillis);
            }
            q.setMaxResults(Math.max(1, limit));
            return q.getResultList().stream().map(JpaPaidOrders::toOrder).toList();
        } finally {
            em.close();
        }
    }

    @Override
    public Optional<PaidOrder> get(String orderNo) {
        return find(null, orderNo, null, null, 1).stream().findFirst();
    }

    static PaidOrder toOrder(AttemptRow a) {
        boolean ins = AttemptRow.SETTLED.equals(a.insState) && a.insSettleId != null;
        boolean ch = AttemptRow.PAID.equals(a.chState) && a.channel != null;
        return new PaidOrder(a.id, a.saleId, a.region, a.createdAt, Money.ofFen(a.totalFen), a.maskedCode,
                a.insPersonNo, ins ? a.insSettleId : null, ins ? a.insVisitId : null,
                Money.ofFen(ins ? a.insAccountFen : 0), ch ? PaymentChannel.valueOf(a.channel) : null,
                ch ? a.outTradeNo : null, Money.ofFen(ch ? a.chAmountFen : 0));
    }
}
