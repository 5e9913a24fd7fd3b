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
    public static final String[] INDEXES = {
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

    /** Only the columns a refund needs: no entity building, no shared-cache traffic on a long history. */
    private static final String COLUMNS = "SELECT a.id, a.saleId, a.region, a.createdAt, a.totalFen, a.maskedCode,"
            + " a.insPersonNo, a.insState, a.insSettleId, a.insVisitId, a.insAccountFen, a.chState, a.channel,"
            + " a.outTradeNo, a.chAmountFen FROM AttemptRow a WHERE a.state = :paid";

    @Override
    public List<PaidOrder> find(String personNo, String orderNo, Long fromMillis, Long toMillis, int limit) {
        StringBuilder jpql = new StringBuilder(COLUMNS);
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
        // With an exact key the matches are few: sorting them here keeps Derby on the key's index (an ORDER
        // BY would tempt it into walking the time index instead).
        boolean exactKey = personNo != null || orderNo != null;
        if (!exactKey) {
            jpql.append(" ORDER BY a.createdAt DESC");
        }
        EntityManager em = emf.createEntityManager();
        try {
            TypedQuery<Object[]> q = em.createQuery(jpql.toString(), Object[].class);
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
            if (!exactKey) {
                q.setMaxResults(Math.max(1, limit));
            }
            List<PaidOrder> out = q.getResultList().stream().map(JpaPaidOrders::toOrder)
                    .sorted(java.util.Comparator.comparingLong(PaidOrder::paidAtMillis).reversed()).toList();
            return out.size() > limit ? out.subList(0, Math.max(1, limit)) : out;
        } finally {
            em.close();
        }
    }

    static PaidOrder toOrder(Object[] r) {
        String insState = (String) r[7];
        String chState = (String) r[11];
        boolean ins = AttemptRow.SETTLED.equals(insState) && r[8] != null;
        boolean ch = AttemptRow.PAID.equals(chState) && r[12] != null;
        return new PaidOrder((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                Money.ofFen(((Number) r[4]).longValue()), (String) r[5], (String) r[6], ins ? (String) r[8] : null,
                ins ? (String) r[9] : null, Money.ofFen(ins ? ((Number) r[10]).longValue() : 0),
                ch ? PaymentChannel.valueOf((String) r[12]) : null, ch ? (String) r[13] : null,
                Money.ofFen(ch ? ((Number) r[14]).longValue() : 0));
    }

    @Override
    public Optional<PaidOrder> get(String orderNo) {
        return find(null, orderNo, null, null, 1).stream().findFirst();
    }

}
