package org.medpay.payment.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;

/**
 * The journal in Derby (or the configured database); PAY_ATTEMPT + PAY_EVENT. Reads go through EclipseLink
 * (JPQL); the hot path, the writes, goes through JDBC on EclipseLink's own connection, in EclipseLink's
 * transaction.
 *
 * <p>Why JDBC for the writes (issue 4, settle overhead): a profile of the benchmark showed about as much CPU
 * in EclipseLink's unit of work per commit (persist/merge registration, change-set calculation, merging
 * into the shared cache, reverting after commitAndResume) as in Derby itself, for two rows per commit.
 * Two prepared statements (Derby caches their plans) do the same work. Consequently the shared cache is
 * off for this unit (persistence.xml): EclipseLink never sees these writes, so a cached entity could be
 * stale. Every read here copies its rows anyway.
 *
 * <p>Durability is untouched: one transaction per {@link #create}/{@link #update}, committed before the
 * method returns, with Derby's default (durable) log sync; {@code derby.system.durability} stays unset.
 *
 * <p>Settings looked at and left at their defaults (profiled with JFR on the benchmark): Derby's page cache
 * ({@code derby.storage.pageCacheSize}, 1000 pages) holds the journal's hot pages, page reads did not show;
 * the log buffer (32 KiB) takes a commit's few KiB in one write + sync; the statement cache (100) keeps the
 * plans of the four statements here, compilation did not show after warm-up. On EclipseLink's side, nothing
 * is left on this path to tune: no SELECT before UPDATE (the UPDATE says by its count whether the row
 * exists), no sequencing (ids come from {@link Ids}), no batch writing needed for two or three statements.
 */
public final class JpaJournal implements Journal {

    /** All columns but the id, in the order {@link #bindColumns} binds them. Keep in step with AttemptRow. */
    private static final String[] COLUMNS = { "SALEID", "REGION", "OPERATORCODE", "OPERATORNAME", "CODEKIND",
            "MASKEDCODE", "TOTALFEN", "SNAPSHOT", "CREATEDAT", "DEADLINE", "STATE", "PHASE", "UPDATEDAT", "EVENTCOUNT",
            "RETRIES", "INSSTATE", "INSMSGID", "INSSETTLEID", "INSVISITID", "INSPERSONNO", "INSACCOUNTFEN",
            "BALANCEAFTERFEN", "FALLBACKPENDING", "FELLBACK", "CHSTATE", "CHANNEL", "OUTTRADENO", "CHAMOUNTFEN",
            "PAYCALLEDAT", "TRADENO", "FAILURE", "PLATFORMCODE", "PLATFORMMESSAGE", "TILLID" };
    private static final String INSERT_ATTEMPT = "INSERT INTO PAY_ATTEMPT (" + String.join(", ", COLUMNS)
            + ", ID) VALUES (" + "?, ".repeat(COLUMNS.length) + "?)";
    /** Every column, as em.merge wrote every changed one (an update may move an attempt, e.g. its region). */
    private static final String UPDATE_ATTEMPT = "UPDATE PAY_ATTEMPT SET " + String.join(" = ?, ", COLUMNS)
            + " = ? WHERE ID = ?";
    private static final String INSERT_EVENT = "INSERT INTO PAY_EVENT (ID, ATTEMPTID, EVENT_AT, STATE, PHASE, INSSTATE,"
            + " CHSTATE, DETAIL) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String CLAIM = "UPDATE PAY_ATTEMPT SET TILLID = ? WHERE ID = ? AND TILLID IS NULL";
    private static final String OPEN_FOR_SALE = "SELECT ID FROM PAY_ATTEMPT WHERE SALEID = ? AND PHASE <> 'DONE'"
            + " FETCH FIRST 1 ROWS ONLY";

    private final EntityManagerFactory emf;
    /** Events {@linkplain #note noted} but not yet written, per attempt, oldest first (immutable lists). */
    private final Map<String, List<EventRow>> pending = new ConcurrentHashMap<>();

    public JpaJournal(EntityManagerFactory emf) {
        this.emf = emf;
    }

    @Override
    public boolean create(AttemptRow row, String detail) {
        return write(row, detail, true);
    }

    @Override
    public void update(AttemptRow row, String detail) {
        write(row, detail, false);
    }

    @Override
    public void note(AttemptRow row, String detail) {
        row.eventCount++;
        List<EventRow> one = List.of(event(row, detail));
        pending.merge(row.id, one, JpaJournal::concat);
    }

    private static List<EventRow> concat(List<EventRow> first, List<EventRow> then) {
        List<EventRow> all = new ArrayList<>(first.size() + then.size());
        all.addAll(first);
        all.addAll(then);
        return List.copyOf(all);
    }

    private static EventRow event(AttemptRow row, String detail) {
        EventRow e = new EventRow();
        e.id = row.id + "#" + row.eventCount;
        e.attemptId = row.id;
        e.at = row.updatedAt;
        e.state = row.state;
        e.phase = row.phase;
        e.insState = row.insState;
        e.chState = row.chState;
        e.detail = detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail;
        return e;
    }

    /** @return false when {@code insert} and the sale has an open attempt: nothing written */
    private boolean write(AttemptRow row, String detail, boolean insert) {
        List<EventRow> earlier = pending.remove(row.id);
        row.eventCount++;
        EventRow e = event(row, detail);
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            // EclipseLink's connection, in its transaction: tx.commit() below commits it (durably).
            Connection c = em.unwrap(Connection.class);
            if (insert && openAttemptOf(c, row.saleId) != null) {
                tx.rollback();
                row.eventCount--;
                return false;
            }
            if (insert || !updateAttempt(c, row)) {
                insertAttempt(c, row); // an update of a missing row inserts it, as em.merge did
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
                if (earlier != null) {
                    for (EventRow n : earlier) {
                        bindEvent(ps, n);
                        ps.executeUpdate();
                    }
                }
                bindEvent(ps, e);
                ps.executeUpdate();
            }
            tx.commit();
            return true;
        } catch (SQLException | RuntimeException ex) {
            row.eventCount--;
            if (earlier != null) {
                pending.merge(row.id, earlier, (since, before) -> concat(before, since)); // back in front
            }
            if (tx.isActive()) {
                tx.rollback();
            }
            throw ex instanceof RuntimeException re ? re : new PersistenceException("journal write failed: " + row, ex);
        } finally {
            em.close();
        }
    }

    /**
     * A row read back while events noted for it are still unwritten (its engine stopped driving it, e.g. its
     * gateway went away, and it is picked up again in this JVM): its event count includes them, so the next
     * write numbers its event after them and writes them first. After a real crash there is nothing pending.
     */
    private AttemptRow withPending(AttemptRow r) {
        List<EventRow> p = pending.get(r.id);
        if (p != null) {
            r.eventCount += p.size();
        }
        return r;
    }

    /** The id of one attempt of the sale whose phase is not DONE, or null (one indexed lookup). */
    private static String openAttemptOf(Connection c, String saleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN_FOR_SALE)) {
            ps.setString(1, saleId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void insertAttempt(Connection c, AttemptRow a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_ATTEMPT)) {
            ps.setString(bindColumns(ps, a), a.id);
            ps.executeUpdate();
        }
    }

    /** @return false when there is no such row */
    private static boolean updateAttempt(Connection c, AttemptRow a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_ATTEMPT)) {
            ps.setString(bindColumns(ps, a), a.id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Binds {@link #COLUMNS} in order from 1; returns the next index (the id's). */
    private static int bindColumns(PreparedStatement ps, AttemptRow a) throws SQLException {
        int i = 1;
        ps.setString(i++, a.saleId);
        ps.setString(i++, a.region);
        ps.setString(i++, a.operatorCode);
        ps.setString(i++, a.operatorName);
        ps.setString(i++, a.codeKind);
        ps.setString(i++, a.maskedCode);
        ps.setLong(i++, a.totalFen);
        ps.setString(i++, a.snapshot);
        ps.setLong(i++, a.createdAt);
        ps.setLong(i++, a.deadline);
        ps.setString(i++, a.state);
        ps.setString(i++, a.phase);
        ps.setLong(i++, a.updatedAt);
        ps.setInt(i++, a.eventCount);
        ps.setInt(i++, a.retries);
        ps.setString(i++, a.insState);
        ps.setString(i++, a.insMsgId);
        ps.setString(i++, a.insSettleId);
        ps.setString(i++, a.insVisitId);
        ps.setString(i++, a.insPersonNo);
        ps.setLong(i++, a.insAccountFen);
        if (a.balanceAfterFen == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, a.balanceAfterFen);
        }
        ps.setShort(i++, (short) (a.fallbackPending ? 1 : 0)); // EclipseLink maps boolean to SMALLINT 0/1
        ps.setShort(i++, (short) (a.fellBack ? 1 : 0));
        ps.setString(i++, a.chState);
        ps.setString(i++, a.channel);
        ps.setString(i++, a.outTradeNo);
        ps.setLong(i++, a.chAmountFen);
        ps.setLong(i++, a.payCalledAt);
        ps.setString(i++, a.tradeNo);
        ps.setString(i++, a.failure);
        ps.setString(i++, a.platformCode);
        ps.setString(i++, a.platformMessage);
        ps.setString(i++, a.tillId);
        return i;
    }

    private static void bindEvent(PreparedStatement ps, EventRow e) throws SQLException {
        ps.setString(1, e.id);
        ps.setString(2, e.attemptId);
        ps.setLong(3, e.at);
        ps.setString(4, e.state);
        ps.setString(5, e.phase);
        ps.setString(6, e.insState);
        ps.setString(7, e.chState);
        ps.setString(8, e.detail);
    }

    @Override
    public List<AttemptRow> open() {
        return query("SELECT a FROM AttemptRow a WHERE a.phase <> 'DONE' ORDER BY a.createdAt", null);
    }

    @Override
    public List<AttemptRow> open(String tillId) {
        // NULL: rows from before tills were told apart, when every database was one till's own (Journal#open).
        return query("SELECT a FROM AttemptRow a WHERE a.phase <> 'DONE' AND (a.tillId = :p OR a.tillId IS NULL)"
                + " ORDER BY a.createdAt", tillId);
    }

    @Override
    public boolean claim(String attemptId, String tillId) {
        return onConnection("journal claim failed: " + attemptId, c -> {
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setString(1, tillId);
                ps.setString(2, attemptId);
                return ps.executeUpdate() == 1; // the row lock decides between two tills
            }
        });
    }

    private interface JdbcWork<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * {@code work} on EclipseLink's connection in a transaction of its own, committed (EclipseLink hands out its
     * connection only inside a transaction; a read-only one commits without a log sync).
     */
    private <T> T onConnection(String failure, JdbcWork<T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em.unwrap(Connection.class));
            tx.commit();
            return result;
        } catch (SQLException e) {
            throw new PersistenceException(failure, e);
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    @Override
    public Optional<AttemptRow> openForSale(String saleId) {
        // hasUnresolved (the UI asks before a rescan): one indexed lookup of the id; the row only if it exists.
        String id = onConnection("journal query failed", c -> openAttemptOf(c, saleId));
        return id == null ? Optional.empty() : find(id).filter(a -> !AttemptRow.DONE.equals(a.phase));
    }

    @Override
    public Optional<AttemptRow> find(String id) {
        EntityManager em = emf.createEntityManager();
        try {
            AttemptRow r = em.find(AttemptRow.class, id);
            return Optional.ofNullable(r == null ? null : withPending(r.copy()));
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
            return q.getResultList().stream().map(r -> withPending(r.copy())).toList();
        } finally {
            em.close();
        }
    }
}
