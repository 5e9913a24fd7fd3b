package org.medpay.register.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;

import org.medpay.core.money.Money;
import org.medpay.core.scan.Masking;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionPolicy;
import org.medpay.persistence.DataArea;
import org.medpay.persistence.JpaProvider;
import org.medpay.register.BuyerRole;
import org.medpay.register.ChainVerification;
import org.medpay.register.ComplianceRegister;
import org.medpay.register.FieldError;
import org.medpay.register.IdType;
import org.medpay.register.Person;
import org.medpay.register.PersonView;
import org.medpay.register.RegisterEntry;
import org.medpay.register.RegisterEntryDraft;
import org.medpay.register.RegisterEntryRequiredException;
import org.medpay.register.RegisterLine;
import org.medpay.register.RegisterValidationException;
import org.medpay.register.Settlement;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The register in Derby ({@code REG_CHAIN}), append-only and hash-chained. Database and key are opened on
 * first use, not at activation, so looking the service up from the UI never waits for Derby.
 */
@Component(service = ComplianceRegister.class)
public final class ComplianceRegisterImpl implements ComplianceRegister {

    static final String UNIT = "medpay.register";
    static final String ENTRY = "ENTRY";
    static final String SETTLEMENT = "SETTLEMENT";
    private static final Logger LOG = LoggerFactory.getLogger(ComplianceRegisterImpl.class);

    private final JpaProvider jpa;
    private final Clock clock;
    private final Path keyFile;
    private EntityManagerFactory emf;
    private FieldCipher cipher;

    @Activate
    public ComplianceRegisterImpl(@Reference JpaProvider jpa, BundleContext context) {
        this(jpa, Clock.systemDefaultZone(), DataArea.resolve(context::getProperty).resolve("keys").resolve("register.key"));
    }

    public ComplianceRegisterImpl(JpaProvider jpa, Clock clock, Path keyFile) {
        this.jpa = jpa;
        this.clock = clock;
        this.keyFile = keyFile;
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
            try {
                cipher = new FieldCipher(keyFile);
            } catch (IOException e) {
                throw new UncheckedIOException("register key " + keyFile, e);
            }
            emf = jpa.createEntityManagerFactory(UNIT, ComplianceRegisterImpl.class.getClassLoader());
        }
        return emf;
    }

    private <T> T read(Function<EntityManager, T> work) {
        EntityManager em = emf().createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    // ---- P-1 -------------------------------------------------------------------------------------------

    @Override
    public boolean entryRequired(RegionPolicy policy, Money insuranceAmount, Money total) {
        Objects.requireNonNull(policy, "policy");
        Money basis = policy.registerBasis() == RegionPolicy.RegisterBasis.TOTAL ? total : insuranceAmount;
        Objects.requireNonNull(basis, "amount on the region's basis");
        // "Above the prescribed amount": strictly greater; exactly at the threshold needs no entry.
        return basis.greaterThan(policy.registerThreshold());
    }

    @Override
    public Optional<RegisterEntry> completeEntryForSale(String saleId) {
        if (saleId == null || saleId.isBlank()) {
            return Optional.empty();
        }
        return read(em -> {
            List<ChainRecord> rows = em.createQuery(
                    "select r from ChainRecord r where r.saleId = :s order by r.seq desc", ChainRecord.class)
                    .setParameter("s", saleId).getResultList();
            Settlement settlement = null;
            for (ChainRecord r : rows) {
                if (!Canonical.hashOf(r).equals(r.hash())) {
                    LOG.warn("Register record {} for a sale does not match its hash; not counted as an entry", r.seq());
                    continue;
                }
                if (SETTLEMENT.equals(r.kind()) && settlement == null) {
                    settlement = toSettlement(r);
                } else if (ENTRY.equals(r.kind())) {
                    return Optional.of(toEntry(r).withSettlement(settlement));
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public void ensureSettlementAllowed(RegionPolicy policy, String saleId, Money insuranceAmount, Money total)
            throws RegisterEntryRequiredException {
        if (!entryRequired(policy, insuranceAmount, total)) {
            return;
        }
        RegisterEntry entry = completeEntryForSale(saleId)
                .orElseThrow(() -> new RegisterEntryRequiredException(saleId, "no complete entry"));
        if (!entry.total().equals(total) || !entry.insuranceAmount().equals(insuranceAmount)) {
            // The sale or the split changed after the entry: the entry no longer describes this payment.
            throw new RegisterEntryRequiredException(saleId, "entry is for " + entry.total() + "/" + entry.insuranceAmount()
                    + ", payment is " + total + "/" + insuranceAmount);
        }
    }

    // ---- recording -------------------------------------------------------------------------------------

    @Override
    public List<FieldError> validate(RegisterEntryDraft draft) {
        return DraftValidator.validate(draft, LocalDate.now(clock));
    }

    @Override
    public RegisterEntry record(RegisterEntryDraft draft) {
        List<FieldError> errors = validate(draft);
        if (!errors.isEmpty()) {
            throw new RegisterValidationException(errors);
        }
        emf();
        Map<String, String> c = new HashMap<>();
        String sale = draft.saleId();
        c.put("operator.code", draft.operator().code());
        c.put("operator.name", Objects.toString(draft.operator().name(), ""));
        c.put("role", draft.role().name());
        putPerson(c, sale, "buyer", draft.buyer());
        if (draft.role() == BuyerRole.PROXY) {
            c.put("relationship", draft.relationship());
            putPerson(c, sale, "insured", draft.insured());
        }
        int i = 1;
        for (RegisterLine l : draft.lines()) {
            c.put(String.format("line.%03d", i++), String.join("\t", clean(l.pharmacyCode()), clean(l.name()),
                    clean(l.specification()), clean(l.unit()), Integer.toString(l.quantity()),
                    Long.toString(l.unitPrice().fen()), Long.toString(l.lineTotal().fen()), clean(l.nationalCode())));
        }
        c.put("total", Long.toString(draft.total().fen()));
        c.put("insurance", Long.toString(draft.insuranceAmount().fen()));
        c.put("channel", Long.toString(draft.channelAmount().fen()));
        c.put("prescriptionNo", draft.prescriptionNo());
        ChainRecord r = append(ENTRY, sale, Canonical.encode(c));
        LOG.info("Register entry {} recorded for sale {} by {}", r.seq(), sale, draft.operator().code());
        return toEntry(r);
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ');
    }

    private void putPerson(Map<String, String> c, String sale, String prefix, Person p) {
        c.put(prefix + ".name", p.name());
        c.put(prefix + ".idType", p.idType().name());
        secret(c, sale, prefix + ".id", p.idNumber());
        secret(c, sale, prefix + ".phone", p.phone());
        secret(c, sale, prefix + ".ssNo", p.socialSecurityNo());
    }

    private void secret(Map<String, String> c, String sale, String key, String value) {
        c.put(key + ".enc", cipher.encrypt(value, sale + "|" + key));
        c.put(key + ".masked", Masking.mask(value));
    }

    /** The full identifier behind a masked one, for an authorised inspection; never logged. */
    String reveal(long seq, String key) {
        return read(em -> {
            ChainRecord r = em.find(ChainRecord.class, seq);
            return r == null ? null : cipher.decrypt(Canonical.decode(r.content()).get(key + ".enc"), r.saleId() + "|" + key);
        });
    }

    @Override
    public Settlement confirmSettlement(String saleId, String settlementId, String tradeNo, Money insurancePaid,
            Money channelPaid) {
        Objects.requireNonNull(insurancePaid, "insurancePaid");
        Objects.requireNonNull(channelPaid, "channelPaid");
        if (completeEntryForSale(saleId).isEmpty()) {
            throw new IllegalStateException("sale " + saleId + " has no register entry");
        }
        Map<String, String> c = new LinkedHashMap<>();
        c.put("settlementId", Objects.toString(settlementId, ""));
        c.put("tradeNo", Objects.toString(tradeNo, ""));
        c.put("insurance", Long.toString(insurancePaid.fen()));
        c.put("channel", Long.toString(channelPaid.fen()));
        return toSettlement(append(SETTLEMENT, saleId, Canonical.encode(c)));
    }

    /** Appends at the chain's head; a clash with another till on the same central database retries. */
    private ChainRecord append(String kind, String saleId, String content) {
        PersistenceException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            synchronized (this) {
                EntityManager em = emf().createEntityManager();
                try {
                    em.getTransaction().begin();
                    List<ChainRecord> head = em.createQuery("select r from ChainRecord r order by r.seq desc",
                            ChainRecord.class).setMaxResults(1).getResultList();
                    long seq = head.isEmpty() ? 1 : head.get(0).seq() + 1;
                    String prev = head.isEmpty() ? Canonical.GENESIS : head.get(0).hash();
                    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                    ChainRecord r = new ChainRecord(seq, kind, saleId, at, content, prev,
                            Canonical.hash(seq, kind, saleId, at, prev, content));
                    em.persist(r);
                    em.getTransaction().commit();
                    return r;
                } catch (PersistenceException e) {
                    last = e;
                } finally {
                    if (em.getTransaction().isActive()) {
                        em.getTransaction().rollback();
                    }
                    em.close();
                }
            }
        }
        throw last;
    }

    // ---- reading -----------------------------------------------------------------------------------------

    @Override
    public List<RegisterEntry> entries(LocalDate from, LocalDate to) {
        Instant start = from.atStartOfDay(clock.getZone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        return read(em -> {
            List<ChainRecord> rows = em.createQuery("select r from ChainRecord r where r.kind = :k"
                    + " and r.recordedAt >= :a and r.recordedAt < :b order by r.seq", ChainRecord.class)
                    .setParameter("k", ENTRY).setParameter("a", start).setParameter("b", end).getResultList();
            List<RegisterEntry> out = new ArrayList<>();
            Map<String, Settlement> settlements = new HashMap<>();
            if (!rows.isEmpty()) {
                for (ChainRecord s : em.createQuery("select r from ChainRecord r where r.kind = :k and r.seq > :first"
                        + " order by r.seq", ChainRecord.class).setParameter("k", SETTLEMENT)
                        .setParameter("first", rows.get(0).seq()).getResultList()) {
                    settlements.put(s.saleId(), toSettlement(s));
                }
            }
            for (ChainRecord r : rows) {
                out.add(toEntry(r).withSettlement(settlements.get(r.saleId())));
            }
            return out;
        });
    }

    @Override
    public ChainVerification verifyChain() {
        return read(em -> {
            long expectedSeq = 1;
            String prev = Canonical.GENESIS;
            long checked = 0;
            int page = 500;
            for (long after = 0;;) {
                List<ChainRecord> rows = em.createQuery("select r from ChainRecord r where r.seq > :after order by r.seq",
                        ChainRecord.class).setParameter("after", after).setMaxResults(page).getResultList();
                for (ChainRecord r : rows) {
                    checked++;
                    if (r.seq() != expectedSeq) {
                        return broken(checked, r.seq(), "GAP");
                    }
                    if (!r.prevHash().equals(prev)) {
                        return broken(checked, r.seq(), "LINK");
                    }
                    if (!Canonical.hashOf(r).equals(r.hash())) {
                        return broken(checked, r.seq(), "CONTENT");
                    }
                    prev = r.hash();
                    expectedSeq = r.seq() + 1;
                    after = r.seq();
                }
                em.clear();
                if (rows.size() < page) {
                    return new ChainVerification(checked, OptionalLong.empty(), "", prev);
                }
            }
        });
    }

    private static ChainVerification broken(long checked, long seq, String problem) {
        LOG.warn("Register hash chain broken at record {}: {}", seq, problem);
        return new ChainVerification(checked, OptionalLong.of(seq), problem, "");
    }

    @Override
    public void exportCsv(LocalDate from, LocalDate to, OutputStream out) throws IOException {
        Exporter.csv(entries(from, to), clock.getZone(), out);
    }

    @Override
    public void exportHtml(LocalDate from, LocalDate to, OutputStream out) throws IOException {
        Exporter.html(entries(from, to), from, to, verifyChain(), ZonedDateTime.now(clock), out);
    }

    // ---- mapping -----------------------------------------------------------------------------------------

    private RegisterEntry toEntry(ChainRecord r) {
        Map<String, String> c = Canonical.decode(r.content());
        BuyerRole role = BuyerRole.valueOf(c.get("role"));
        List<RegisterLine> lines = new ArrayList<>();
        for (Map.Entry<String, String> e : c.entrySet()) {
            if (e.getKey().startsWith("line.")) {
                String[] f = e.getValue().split("\t", -1);
                lines.add(new RegisterLine(f[0], f[1], f[2], f[3], Integer.parseInt(f[4]), Money.ofFen(Long.parseLong(f[5])),
                        Money.ofFen(Long.parseLong(f[6])), f[7]));
            }
        }
        return new RegisterEntry(r.seq(), r.saleId(), r.recordedAt(), new OperatorRef(c.get("operator.code"), c.get("operator.name")),
                view(c, "buyer"), role, c.getOrDefault("relationship", ""), role == BuyerRole.PROXY ? view(c, "insured") : null,
                List.copyOf(lines), fen(c, "total"), fen(c, "insurance"), fen(c, "channel"), c.getOrDefault("prescriptionNo", ""),
                r.hash(), null);
    }

    private static PersonView view(Map<String, String> c, String p) {
        return new PersonView(c.getOrDefault(p + ".name", ""), IdType.valueOf(c.get(p + ".idType")),
                c.getOrDefault(p + ".id.masked", ""), c.getOrDefault(p + ".phone.masked", ""),
                c.getOrDefault(p + ".ssNo.masked", ""));
    }

    private static Money fen(Map<String, String> c, String key) {
        return Money.ofFen(Long.parseLong(c.getOrDefault(key, "0")));
    }

    private static Settlement toSettlement(ChainRecord r) {
        Map<String, String> c = Canonical.decode(r.content());
        return new Settlement(r.seq(), c.get("settlementId"), c.get("tradeNo"), fen(c, "insurance"), fen(c, "channel"),
                r.recordedAt());
    }
}
