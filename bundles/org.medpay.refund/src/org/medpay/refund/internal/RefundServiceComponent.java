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
import org.medpay.persistence.JpaProvider;
import org.medpay.refund.Approval;
import org.medpay.refund.QueryResult;
import org.medpay.refund.RefundCriteria;
import org.medpay.refund.RefundService;
import org.medpay.refund.RollBackOutcome;
import org.medpay.refund.SupervisorApproval;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The DS face of {@link RefundEngine}: REF_* on the workstation's database, unfinished refunds resumed. */
@Component(service = RefundService.class, immediate = true)
public final class RefundServiceComponent implements RefundService {

    private record Gw(ServiceReference<RegionGateway> ref, String region, RegionGateway gateway) {
    }

    private final List<Gw> gateways = new CopyOnWriteArrayList<>();
    private final List<SupervisorApproval> approvals = new CopyOnWriteArrayList<>();
    private final EntityManagerFactory emf;
    private final RefundEngine engine;
    private final Thread resume;

    @Activate
    public RefundServiceComponent(@Reference JpaProvider jpa, @Reference PaidOrders orders) {
        emf = jpa.createEntityManagerFactory("medpay.refund", RefundServiceComponent.class.getClassLoader());
        engine = new RefundEngine(new RefundJournal(emf), orders,
                region -> gateways.stream().filter(g -> g.region.equals(region)).map(Gw::gateway).reduce((a, b) -> b),
                Clock.systemDefaultZone(), () -> approvals.stream().findFirst(), Duration.ofSeconds(10));
        // Resuming opens Derby: in the background, so the till's first window does not wait for it.
        resume = new Thread(engine::resume, "medpay-refund-resume");
        resume.setDaemon(true);
        resume.start();
    }

    @Deactivate
    void deactivate() {
        engine.close();
        // A till closed right after start may still be resuming: closing the factory under it would fail
        // the resume half-way, so let it finish its query first.
        try {
            resume.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        emf.close();
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
        return engine.query(criteria);
    }

    @Override
    public CompletableFuture<RollBackOutcome> rollBack(String orderNo, OperatorRef operator, Approval approval) {
        return engine.rollBack(orderNo, operator, approval);
    }

    @Override
    public boolean approvalRequired() {
        return engine.approvalRequired();
    }

    @Override
    public List<String> inProgress() {
        return engine.inProgress();
    }
}
