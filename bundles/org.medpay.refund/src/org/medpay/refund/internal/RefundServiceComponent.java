package org.medpay.refund.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.persistence.EntityManagerFactory;

import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.payment.PaidOrders;
import org.medpay.core.startup.StartupGate;
import org.medpay.persistence.DataArea;
import org.medpay.persistence.JpaProvider;
import org.medpay.persistence.TillId;
import org.medpay.refund.Approval;
import org.medpay.refund.QueryResult;
import org.medpay.refund.RefundCriteria;
import org.medpay.refund.RefundService;
import org.medpay.refund.RollBackOutcome;
import org.medpay.refund.SupervisorApproval;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DS face of {@link RefundEngine}: REF_* on the workstation's database, this till's unfinished refunds
 * resumed. The till id comes from the payment's PID (see {@link TillConfig}), so refunds and payments agree.
 */
@Component(service = RefundService.class, immediate = true, configurationPid = TillId.PID)
public final class RefundServiceComponent implements RefundService {

    private record Gw(ServiceReference<RegionGateway> ref, String region, RegionGateway gateway) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RefundServiceComponent.class);

    private final List<Gw> gateways = new CopyOnWriteArrayList<>();
    private final List<SupervisorApproval> approvals = new CopyOnWriteArrayList<>();
    /** Completes once the journal is open; queries and roll-backs queue behind it. */
    private final CompletableFuture<RefundEngine> ready = new CompletableFuture<>();
    private final Thread start;
    private volatile boolean closed;
    private volatile EntityManagerFactory emf;
    /** As configured now; read when the engine is made (after the window painted, the .cfg files are in). */
    private volatile String configuredTillId;
    private volatile String tillId;

    @Activate
    public RefundServiceComponent(BundleContext context, TillConfig config, @Reference JpaProvider jpa,
            @Reference PaidOrders orders) {
        configuredTillId = config.tillId();
        java.nio.file.Path dataArea = DataArea.resolve(context::getProperty);
        // Opening Derby (EclipseLink's predeploy holds a provider-wide lock other bundles wait on) and
        // resuming unfinished refunds run in the background, after the first window painted: never on the
        // start-level thread that the till's window waits for.
        start = new Thread(() -> {
            try {
                if (!StartupGate.awaitWindow(() -> closed)) {
                    throw new IllegalStateException("refund service stopped before its journal opened");
                }
                emf = jpa.createEntityManagerFactory("medpay.refund", RefundServiceComponent.class.getClassLoader());
                tillId = TillId.resolve(configuredTillId, dataArea);
                RefundEngine engine = new RefundEngine(new RefundJournal(emf), orders,
                        region -> gateways.stream().filter(g -> g.region.equals(region)).map(Gw::gateway)
                                .reduce((a, b) -> b),
                        Clock.systemDefaultZone(), () -> approvals.stream().findFirst(), Duration.ofSeconds(10),
                        tillId);
                ready.complete(engine);
                engine.resume();
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.error("Refund service could not open its journal", e);
                }
                ready.completeExceptionally(e);
            }
        }, "medpay-refund-start");
        start.setDaemon(true);
        start.start();
    }

    private RefundEngine engine() {
        return ready.join();
    }

    /**
     * The PID is the payment's: its region changes arrive here too and change nothing for refunds (without
     * this method DS would restart the component for each).
     */
    @Modified
    void modified(TillConfig config) {
        configuredTillId = config.tillId();
        String running = tillId;
        if (running != null && !config.tillId().isBlank() && !config.tillId().strip().equals(running)) {
            LOG.warn("Till id {} takes effect for refunds at the next start (running as {})", config.tillId().strip(),
                    running);
        }
    }

    @Deactivate
    void deactivate() {
        closed = true;
        // A till closed right after start may still be opening or resuming: closing the factory under it
        // would fail that half-way, so let it finish first.
        try {
            start.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            ready.join().close();
        }
        if (emf != null) {
            emf.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindGateway(RegionGateway gateway, ServiceReference<RegionGateway> ref) {
        Object region = ref.getProperty(RegionGateway.REGION_PROPERTY);
        gateways.add(new Gw(ref, region != null ? region.toString() : gateway.regionCode(), gateway));
    }

    void unbindGateway(RegionGateway gateway, ServiceReference<RegionGateway> ref) {
        gateways.removeIf(g -> g.ref.equals(ref));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindApproval(SupervisorApproval approval) {
        approvals.add(approval);
    }

    void unbindApproval(SupervisorApproval approval) {
        approvals.remove(approval);
    }

    @Override
    public QueryResult query(RefundCriteria criteria) {
        return engine().query(criteria);
    }

    @Override
    public CompletableFuture<RollBackOutcome> rollBack(String orderNo, OperatorRef operator, Approval approval) {
        return engine().rollBack(orderNo, operator, approval);
    }

    @Override
    public boolean approvalRequired() {
        // Answered without the journal: the confirmation dialog asks on the UI thread.
        return !approvals.isEmpty();
    }

    @Override
    public List<String> inProgress() {
        return engine().inProgress();
    }
}
