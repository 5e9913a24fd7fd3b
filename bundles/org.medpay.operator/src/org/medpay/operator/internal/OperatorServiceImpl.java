package org.medpay.operator.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.medpay.gateway.api.OperatorRef;
import org.medpay.operator.Operator;
import org.medpay.operator.OperatorAccount;
import org.medpay.operator.OperatorService;
import org.medpay.operator.Role;
import org.medpay.operator.SignInException;
import org.medpay.operator.SignInException.Reason;
import org.medpay.persistence.JpaProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators in Derby ({@code OPR_OPERATOR}). The database is opened on first use, not at activation: the
 * mobile-pay view looks this service up while the workbench paints, and the UI thread must not wait for
 * Derby to boot.
 */
@Component(service = OperatorService.class)
public final class OperatorServiceImpl implements OperatorService {

    static final String UNIT = "medpay.operator";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorServiceImpl.class);

    /** Demo operators of the embedded default; docs/operators.md lists them. */
    static final List<Object[]> DEMO = List.of(
            new Object[] { "1001", "收银员张敏", Role.CASHIER, "123456" },
            new Object[] { "9001", "主管李强", Role.SUPERVISOR, "654321" },
            new Object[] { "9999", "管理员", Role.ADMIN, "999999" });

    private final JpaProvider jpa;
    private final Clock clock;
    private final PinHasher hasher;
    private final List<Consumer<Optional<Operator>>> listeners = new CopyOnWriteArrayList<>();
    private EntityManagerFactory emf;
    private volatile Operator current;

    @Activate
    public OperatorServiceImpl(@Reference JpaProvider jpa) {
        this(jpa, Clock.systemDefaultZone(), PinHasher.DEFAULT_ITERATIONS);
    }

    /** For tests: a controllable clock, and fewer iterations so a lock-out test does not take a minute. */
    public OperatorServiceImpl(JpaProvider jpa, Clock clock, int iterations) {
        this.jpa = jpa;
        this.clock = clock;
        this.hasher = new PinHasher(iterations);
    }

    @Deactivate
    synchronized void close() {
        if (emf != null) {
            emf.close();
            emf = null;
        }
    }

    private synchronized EntityManagerFactory emf() {
        if (emf == null) {
            emf = jpa.createEntityManagerFactory(UNIT, OperatorServiceImpl.class.getClassLoader());
            if (jpa.isEmbedded()) {
                seedDemoOperators();
            }
        }
        return emf;
    }

    private void seedDemoOperators() {
        inTransaction(em -> {
            Long count = em.createQuery("select count(o) from OperatorRecord o", Long.class).getSingleResult();
            if (count == 0) {
                for (Object[] d : DEMO) {
                    em.persist(new OperatorRecord((String) d[0], (String) d[1], ((Role) d[2]).name(),
                            hasher.hash(((String) d[3]).toCharArray()), clock.instant()));
                }
                LOG.info("Seeded {} demo operators (see docs/operators.md); change their PINs before real use",
                        DEMO.size());
            }
            return null;
        });
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf().createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    /** Outcome computed inside the transaction; thrown after commit so counters are saved either way. */
    private record Outcome(Operator operator, SignInException failure) {
    }

    private Operator check(String code, char[] pin) throws SignInException {
        if (code == null || code.isBlank() || pin == null || pin.length == 0) {
            throw new SignInException(Reason.WRONG_CODE_OR_PIN, null, -1);
        }
        Outcome outcome;
        try {
            // Serialised: two wrong PINs racing must both count.
            synchronized (this) {
                outcome = inTransaction(em -> attempt(em, code.strip(), pin));
            }
        } catch (RuntimeException e) {
            LOG.warn("Operator store unavailable: {}", e.toString());
            throw new SignInException(Reason.UNAVAILABLE, null, -1);
        }
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.operator();
    }

    private Outcome attempt(EntityManager em, String code, char[] pin) {
        OperatorRecord r = em.find(OperatorRecord.class, code);
        Instant now = clock.instant();
        if (r == null) {
            hasher.burn(pin);
            return new Outcome(null, new SignInException(Reason.WRONG_CODE_OR_PIN, null, -1));
        }
        if (!r.enabled()) {
            return new Outcome(null, new SignInException(Reason.DISABLED, null, -1));
        }
        if (r.lockedUntil() != null) {
            if (now.isBefore(r.lockedUntil())) {
                // Not even a right PIN opens a locked code: otherwise the lock-out only slows guessing.
                return new Outcome(null, new SignInException(Reason.LOCKED, r.lockedUntil(), 0));
            }
            r.lockedUntil(null);
            r.failedAttempts(0);
        }
        if (hasher.verify(pin, r.pinHash())) {
            r.failedAttempts(0);
            return new Outcome(new Operator(r.code(), r.name(), Role.valueOf(r.role())), null);
        }
        int failed = r.failedAttempts() + 1;
        r.failedAttempts(failed);
        if (failed >= MAX_FAILURES) {
            Instant until = now.plus(Duration.ofMinutes(LOCKOUT_MINUTES));
            r.lockedUntil(until);
            LOG.warn("Operator {} locked until {} after {} wrong PINs", code, until, failed);
            return new Outcome(null, new SignInException(Reason.LOCKED, until, 0));
        }
        return new Outcome(null, new SignInException(Reason.WRONG_CODE_OR_PIN, null, MAX_FAILURES - failed));
    }

    @Override
    public Operator signIn(String code, char[] pin) throws SignInException {
        Operator op = check(code, pin);
        current = op;
        LOG.info("Operator {} signed in", op.code());
        fire();
        return op;
    }

    @Override
    public void signOut() {
        Operator was = current;
        if (was != null) {
            current = null;
            LOG.info("Operator {} signed out", was.code());
            fire();
        }
    }

    @Override
    public Optional<Operator> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public OperatorRef requireCurrentRef() {
        Operator op = current;
        if (op == null) {
            throw new IllegalStateException("no operator signed in");
        }
        return op.ref();
    }

    @Override
    public Operator verifySupervisor(String code, char[] pin) throws SignInException {
        Operator op = check(code, pin);
        if (!op.role().mayApproveRefunds()) {
            throw new SignInException(Reason.NOT_SUPERVISOR, null, -1);
        }
        return op;
    }

    private Operator requireAdmin(String what) {
        Operator admin = current;
        if (admin == null || admin.role() != Role.ADMIN) {
            throw new IllegalStateException("only an administrator may " + what);
        }
        return admin;
    }

    private static void checkPin(char[] pin) {
        if (pin == null || pin.length < 6 || pin.length > 12) {
            throw new IllegalArgumentException("PIN must be 6 to 12 digits");
        }
        for (char ch : pin) {
            if (ch < '0' || ch > '9') {
                throw new IllegalArgumentException("PIN must be 6 to 12 digits");
            }
        }
    }

    @Override
    public Operator create(String code, String name, Role role, char[] pin) {
        requireAdmin("add operators");
        if (code == null || !code.strip().matches("[0-9A-Za-z]{1,16}")) {
            throw new IllegalArgumentException("operator code must be 1 to 16 letters or digits");
        }
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("operator name must be 1 to 64 characters");
        }
        if (role == null) {
            throw new IllegalArgumentException("operator role is required");
        }
        checkPin(pin);
        String c = code.strip();
        String hash = hasher.hash(pin);
        synchronized (this) {
            return inTransaction(em -> {
                if (em.find(OperatorRecord.class, c) != null) {
                    throw new IllegalArgumentException("operator code exists: " + c);
                }
                em.persist(new OperatorRecord(c, name.strip(), role.name(), hash, clock.instant()));
                return new Operator(c, name.strip(), role);
            });
        }
    }

    @Override
    public List<OperatorAccount> list() {
        requireAdmin("list operators");
        Instant now = clock.instant();
        return inTransaction(em -> em.createQuery("select o from OperatorRecord o order by o.code", OperatorRecord.class)
                .getResultList().stream().map(r -> {
                    boolean locked = r.lockedUntil() != null && now.isBefore(r.lockedUntil());
                    return new OperatorAccount(r.code(), r.name(), Role.valueOf(r.role()), r.enabled(), locked,
                            locked ? r.lockedUntil() : null,
                            // an expired lock-out starts the count again at the next attempt
                            locked || r.lockedUntil() == null ? r.failedAttempts() : 0);
                }).toList());
    }

    @Override
    public void resetPin(String code, char[] newPin) {
        Operator admin = requireAdmin("reset PINs");
        checkPin(newPin);
        String hash = hasher.hash(newPin);
        change(code, r -> {
            r.pinHash(hash);
            r.failedAttempts(0);
            r.lockedUntil(null);
        });
        LOG.info("PIN of operator {} reset by {}", code, admin.code());
    }

    @Override
    public void unlock(String code) {
        Operator admin = requireAdmin("unlock operators");
        change(code, r -> {
            r.failedAttempts(0);
            r.lockedUntil(null);
        });
        LOG.info("Operator {} unlocked by {}", code, admin.code());
    }

    @Override
    public void deactivate(String code) {
        Operator admin = requireAdmin("deactivate operators");
        if (code != null && code.strip().equals(admin.code())) {
            throw new IllegalArgumentException("an administrator cannot deactivate their own code");
        }
        change(code, r -> r.enabled(false));
        LOG.info("Operator {} deactivated by {}", code, admin.code());
    }

    @Override
    public void reactivate(String code) {
        Operator admin = requireAdmin("reactivate operators");
        change(code, r -> r.enabled(true));
        LOG.info("Operator {} reactivated by {}", code, admin.code());
    }

    /** One admin change to one operator row, serialised with sign-in checks (a lock-out must not race it). */
    private void change(String code, Consumer<OperatorRecord> edit) {
        String c = code == null ? "" : code.strip();
        synchronized (this) {
            inTransaction(em -> {
                OperatorRecord r = em.find(OperatorRecord.class, c);
                if (r == null) {
                    throw new IllegalArgumentException("no such operator: " + c);
                }
                edit.accept(r);
                return null;
            });
        }
    }

    @Override
    public void addSessionListener(Consumer<Optional<Operator>> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeSessionListener(Consumer<Optional<Operator>> listener) {
        listeners.remove(listener);
    }

    private void fire() {
        Optional<Operator> now = current();
        for (Consumer<Optional<Operator>> l : listeners) {
            try {
                l.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("Session listener failed: {}", e.toString());
            }
        }
    }
}
