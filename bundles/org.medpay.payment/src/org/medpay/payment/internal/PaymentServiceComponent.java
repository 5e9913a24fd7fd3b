package org.medpay.payment.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.persistence.EntityManagerFactory;

import org.medpay.core.money.Money;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.payment.AttemptState;
import org.medpay.payment.AttemptSummary;
import org.medpay.payment.PaymentListener;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.PaymentService;
import org.medpay.payment.PreSettlementCheck;
import org.medpay.payment.RegionInfo;
import org.medpay.persistence.DataArea;
import org.medpay.persistence.JpaProvider;
import org.medpay.persistence.TillId;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DS face of {@link SettlementEngine}: the journal on the workstation's database, gateways bound
 * dynamically by region, recovery started in the background at activation.
 */
@Component(service = { PaymentService.class, org.medpay.payment.PaidOrders.class }, configurationPid = "org.medpay.payment", immediate = true)
@Designate(ocd = PaymentConfig.class)
public final class PaymentServiceComponent implements PaymentService, org.medpay.payment.PaidOrders {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentServiceComponent.class);

    /** Filled by the bind methods, which DS may call before activation. */
    private final GatewayDirectory gateways = new GatewayDirectory();
    private final List<PreSettlementCheck> pendingChecks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Runnable> regionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    {
        gateways.onChanged(region -> regionChanged());
    }

    @Reference
    private JpaProvider jpa;

    /** P-1 is strict: no payment service without the register in front of the insurance leg. */
    @Reference
    private org.medpay.register.ComplianceRegister register;

    private EntityManagerFactory emf;
    private ExecutorTaskScheduler scheduler;
    private volatile SettlementEngine engine;
    private volatile JpaPaidOrders paidOrders;

    /** Completes once the journal is open; until then settle() queues behind it and nothing blocks. */
    private final java.util.concurrent.CompletableFuture<SettlementEngine> ready = new java.util.concurrent.CompletableFuture<>();
    private volatile String configuredRegion;
    /** As configured now; read when the engine is made (after the window painted, the .cfg files are in). */
    private volatile String configuredTillId;
    private volatile String tillId;
    private volatile boolean closed;

    @Activate
    void activate(BundleContext context, PaymentConfig config) {
        configuredRegion = config.region();
        configuredTillId = config.tillId();
        java.nio.file.Path dataArea = DataArea.resolve(context::getProperty);
        scheduler = new ExecutorTaskScheduler(4);
        // Opening Derby and the journal happens while the till starts: never on the start-level or UI thread.
        Thread t = new Thread(() -> {
            try {
                // No scan can arrive before the window is up: let it paint first (StartupGate).
                if (!org.medpay.core.startup.StartupGate.awaitWindow(() -> closed)) {
                    throw new IllegalStateException("payment service stopped before its journal opened");
                }
                emf = jpa.createEntityManagerFactory("medpay.payment", PaymentServiceComponent.class.getClassLoader());
                paidOrders = new JpaPaidOrders(emf);
                tillId = TillId.resolve(configuredTillId, dataArea);
                SettlementEngine e = new SettlementEngine(new JpaJournal(emf), gateways, Clock.systemUTC(), scheduler,
                        Timing.PROCEDURE, configuredRegion, tillId);
                pendingChecks.forEach(e::addCheck);
                e.addCheck(new RegisterCheck(register));
                engine = e;
                ready.complete(e);
                LOG.info("Payment service active for region {}, till {}", configuredRegion, tillId);
                scheduler.execute(e::recover);
            } catch (Throwable e) {
                if (!closed) {
                    LOG.error("Payment service could not open its journal", e);
                }
                ready.completeExceptionally(e);
            }
        }, "medpay-payment-start");
        t.setDaemon(true);
        t.start();
    }

    private SettlementEngine engine() {
        return ready.join();
    }

    @Modified
    void modified(PaymentConfig config) {
        configuredRegion = config.region();
        configuredTillId = config.tillId();
        String running = tillId;
        if (running != null && !config.tillId().isBlank() && !config.tillId().strip().equals(running)) {
            // The engine marks and resumes rows by the id it started with; switching mid-run would orphan them.
            LOG.warn("Till id {} takes effect at the next start (running as {})", config.tillId().strip(), running);
        }
        ready.thenAccept(e -> e.setActiveRegion(config.region()));
        LOG.info("Payment service now settles with region {}", config.region());
        regionChanged();
    }

    private void regionChanged() {
        for (Runnable l : regionListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("Region listener failed", e);
            }
        }
    }

    @Override
    public String activeRegionCode() {
        return configuredRegion; // set first by activate/modified; the engine follows it
    }

    @Override
    public void addRegionListener(Runnable listener) {
        regionListeners.add(listener);
    }

    @Override
    public void removeRegionListener(Runnable listener) {
        regionListeners.remove(listener);
    }

    @Deactivate
    void deactivate() {
        closed = true;
        try {
            engine().close();
        } catch (RuntimeException e) {
            // Stopped before the journal opened (a headless run, a start cut short): nothing to close.
            LOG.debug("Payment service stopped before its journal opened", e);
        }
        scheduler.close();
        if (emf != null) {
            emf.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindGateway(RegionGateway gateway, ServiceReference<RegionGateway> ref) {
        Object region = ref.getProperty(RegionGateway.REGION_PROPERTY);
        String code = region != null ? region.toString() : gateway.regionCode();
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        gateways.add(ref, code, ranking instanceof Integer i ? i : 0, (Long) ref.getProperty(Constants.SERVICE_ID), gateway);
        LOG.info("Gateway for region {} bound ({})", code, gateway.displayName());
    }

    void unbindGateway(RegionGateway gateway, ServiceReference<RegionGateway> ref) {
        // By registration: with greedy binding an updated region's new service is already bound; it stays.
        gateways.remove(ref);
        LOG.info("Gateway for region {} unbound ({})", ref.getProperty(RegionGateway.REGION_PROPERTY),
                activeRegion().isPresent() ? "the active region is served" : "the active region has no gateway now");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCheck(PreSettlementCheck check) {
        pendingChecks.add(check);
        SettlementEngine e = engine;
        if (e != null) {
            e.addCheck(check);
        }
    }

    void unbindCheck(PreSettlementCheck check) {
        pendingChecks.remove(check);
        SettlementEngine e = engine;
        if (e != null) {
            e.removeCheck(check);
        }
    }

    @Override
    public CompletableFuture<PaymentOutcome> settle(Sale sale, ScannedCode code, OperatorRef operator,
            PaymentListener listener) {
        return ready.thenCompose(e -> e.settle(sale, code, operator, listener)).thenApply(outcome -> {
            confirmInRegister(sale.id(), outcome);
            return outcome;
        });
    }

    /** P-1: a paid sale that needed an entry gets its settlement numbers chained after the entry. */
    private void confirmInRegister(String saleId, PaymentOutcome outcome) {
        if (outcome == null || outcome.result() != PaymentOutcome.Result.PAID) {
            return;
        }
        try {
            if (register.completeEntryForSale(saleId).isEmpty()) {
                return;
            }
            org.medpay.core.money.Money insurance = org.medpay.core.money.Money.ZERO;
            org.medpay.core.money.Money channel = org.medpay.core.money.Money.ZERO;
            String settlementId = "";
            String tradeNo = "";
            for (org.medpay.payment.PaymentLeg leg : outcome.legs()) {
                if (leg.channel() == org.medpay.core.sale.PaymentChannel.INSURANCE_ACCOUNT) {
                    insurance = insurance.plus(leg.amount());
                    settlementId = leg.reference();
                } else {
                    channel = channel.plus(leg.amount());
                    tradeNo = leg.reference();
                }
            }
            register.confirmSettlement(saleId, settlementId, tradeNo, insurance, channel);
        } catch (RuntimeException e) {
            // The money has moved; the entry exists. A missing confirmation record is visible in the register.
            LOG.error("Register confirmation failed for a paid sale (attempt {})", outcome.attemptId(), e);
        }
    }

    @Override
    public Optional<RegionInfo> activeRegion() {
        String region = activeRegionCode();
        return gateways.find(region).map(g -> new RegionInfo(region, g.displayName(), g.isTraining()));
    }

    @Override
    public boolean hasUnresolvedAttempt(String saleId) {
        return engine().hasUnresolved(saleId);
    }

    @Override
    public List<AttemptSummary> unresolvedAttempts() {
        // This till's only: on a central database another till's open attempts are that till's business
        // (and must not hold back this till's update, PaymentUpdateGuard).
        SettlementEngine e = engine();
        return e.journal().open(e.tillId()).stream()
                .map(a -> new AttemptSummary(a.id, a.saleId, a.region, AttemptState.valueOf(a.state),
                        Money.ofFen(a.totalFen), a.createdAt))
                .toList();
    }

    // ---- PaidOrders (read side for refunds, R-2) ----

    @Override
    public List<org.medpay.payment.PaidOrder> find(String personNo, String orderNo, Long fromMillis, Long toMillis,
            int limit) {
        engine();
        return paidOrders.find(personNo, orderNo, fromMillis, toMillis, limit);
    }

    @Override
    public Optional<org.medpay.payment.PaidOrder> get(String orderNo) {
        engine();
        return paidOrders.get(orderNo);
    }
}
