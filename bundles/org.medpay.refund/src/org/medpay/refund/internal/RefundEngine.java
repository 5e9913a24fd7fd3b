package org.medpay.refund.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.scan.Masking;
import org.medpay.gateway.api.ChannelRefundRequest;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.InsuranceCancel;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.payment.PaidOrder;
import org.medpay.payment.PaidOrders;
import org.medpay.refund.Approval;
import org.medpay.refund.LegState;
import org.medpay.refund.QueryResult;
import org.medpay.refund.RefundCriteria;
import org.medpay.refund.RefundLeg;
import org.medpay.refund.RefundOrder;
import org.medpay.refund.RefundService;
import org.medpay.refund.RefundStatus;
import org.medpay.refund.Refusal;
import org.medpay.refund.RollBackOutcome;
import org.medpay.refund.SupervisorApproval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls paid orders back, exactly once per leg:
 * <ul>
 * <li>the refund row (key = order number) is journalled before anything is sent, so an order can never be
 * rolled back twice, and a crash leaves a row that {@link #resume()} finishes;</li>
 * <li>insurance first (2103 with a fresh message id, journalled before the call), then the channel refund
 * with {@code outRequestNo = "RF" + order number}, the same on every retry, so the platform refunds it at
 * most once;</li>
 * <li>a lost answer ({@link GatewayException.UnknownOutcome}) leaves the leg UNKNOWN and the order 退款中; the
 * background retries it until the answer is definite.</li>
 * </ul>
 */
public final class RefundEngine implements RefundService {

    private static final Logger LOG = LoggerFactory.getLogger(RefundEngine.class);
    /** The results table shows at most this many rows; the cashier narrows the criteria otherwise. */
    static final int MAX_RESULTS = 200;
    /** 2103 retried after a lost answer: the platform's "already cancelled" means our first call took effect. */
    static final String ALREADY_CANCELLED = "已撤销";

    /** Crash injection for tests: called after a platform answered, before the answer is journalled. */
    public interface AfterCall {
        void after(String orderNo, String leg);
    }

    /**
     * Crash injection for the fault harness (org.medpay.refund.tests RefundFaultHarness): called where a crash
     * matters, after what is journalled there is committed: {@code before-2103} / {@code before-refund} (the leg
     * is journalled SENT, the call not made yet) and {@code between-legs} (the insurance leg journalled done,
     * the channel leg not started). {@code retry} is true when a retry or a resume is at that point.
     */
    public interface Checkpoint {
        void at(String orderNo, String point, boolean retry);
    }

    private final RefundJournal journal;
    private final PaidOrders orders;
    private final Function<String, Optional<RegionGateway>> gateways;
    private final Clock clock;
    private final Supplier<Optional<SupervisorApproval>> approvals;
    private final Duration retryDelay;
    /** This till (org.medpay.persistence.TillId, the same as the payment engine's): see the constructor. */
    private final String tillId;
    private final ScheduledExecutorService executor;
    /** Orders a task of this engine is working on: one task per order at a time. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<RollBackOutcome>> waiting = new ConcurrentHashMap<>();
    private volatile AfterCall afterCall = (o, l) -> { };
    private volatile Checkpoint checkpoint = (o, p, r) -> { };
    private volatile boolean closed;

    /**
     * @param tillId this till's id: refunds it starts (or starts again) carry it, and {@link #resume()} and
     *               {@link #inProgress()} take only refunds that carry it (or none, see
     *               {@link RefundJournal#inProgress(String)}). On a chain's central database another till's
     *               unfinished refund is that till's to finish; two tills sending its legs at once is what the
     *               journal is there to prevent.
     */
    public RefundEngine(RefundJournal journal, PaidOrders orders, Function<String, Optional<RegionGateway>> gateways,
            Clock clock, Supplier<Optional<SupervisorApproval>> approvals, Duration retryDelay, String tillId) {
        if (tillId == null || tillId.isBlank()) {
            throw new IllegalArgumentException("a till id is required");
        }
        this.tillId = tillId;
        this.journal = journal;
        this.orders = orders;
        this.gateways = gateways;
        this.clock = clock;
        this.approvals = approvals;
        this.retryDelay = retryDelay;
        this.executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "medpay-refund");
            t.setDaemon(true);
            return t;
        });
    }

    public void setAfterCall(AfterCall hook) {
        this.afterCall = hook;
    }

    public void setCheckpoint(Checkpoint hook) {
        this.checkpoint = hook;
    }

    public RefundJournal journal() {
        return journal;
    }

    public String tillId() {
        return tillId;
    }

    // ---- query (R-2) ----

    @Override
    public QueryResult query(RefundCriteria c) {
        Refusal problem = c.problem();
        if (problem != null) {
            return QueryResult.refused(problem);
        }
        ZoneId zone = clock.getZone();
        Long from = c.start() == null ? null : c.start().atZone(zone).toInstant().toEpochMilli();
        Long to = c.end() == null ? null : c.end().atZone(zone).toInstant().toEpochMilli();
        List<PaidOrder> found = orders.find(c.ssCode(), c.tradeNo(), from, to, MAX_RESULTS + 1);
        boolean truncated = found.size() > MAX_RESULTS;
        if (truncated) {
            found = found.subList(0, MAX_RESULTS);
        }
        Map<String, RefundRow> refunds = new HashMap<>();
        if (!found.isEmpty()) {
            journal.findAll(found.stream().map(PaidOrder::orderNo).toList()).forEach(r -> refunds.put(r.id, r));
        }
        List<RefundOrder> out = new ArrayList<>(found.size());
        for (PaidOrder o : found) {
            out.add(view(o, refunds.get(o.orderNo())));
        }
        return new QueryResult(out, null, truncated);
    }

    static RefundOrder view(PaidOrder o, RefundRow r) {
        List<RefundLeg> legs = new ArrayList<>(2);
        if (o.hasInsuranceLeg()) {
            legs.add(new RefundLeg(PaymentChannel.INSURANCE_ACCOUNT, o.insurance(),
                    r == null ? LegState.PENDING : legState(r.insState), r == null ? "" : text(r.insMessage)));
        }
        if (o.hasChannelLeg()) {
            legs.add(new RefundLeg(o.channel(), o.channelAmount(),
                    r == null ? LegState.PENDING : legState(r.chState), r == null ? "" : text(r.chMessage)));
        }
        RefundStatus status = r == null ? RefundStatus.PAID : switch (r.state) {
        case RefundRow.IN_PROGRESS -> RefundStatus.REFUND_IN_PROGRESS;
        case RefundRow.REFUNDED -> RefundStatus.REFUNDED;
        case RefundRow.FAILED -> RefundStatus.REFUND_FAILED;
        default -> RefundStatus.UNKNOWN;
        };
        return new RefundOrder(o.orderNo(), o.paidAtMillis(), Masking.mask(o.personNo()), o.total(), legs, status,
                o.region());
    }

    private static LegState legState(String s) {
        return switch (s) {
        case RefundRow.SENT -> LegState.SENT;
        case RefundRow.UNKNOWN -> LegState.UNKNOWN;
        case RefundRow.DONE -> LegState.REFUNDED;
        case RefundRow.REFUSED -> LegState.REFUSED;
        default -> LegState.PENDING;
        };
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    // ---- roll back (R-3, R-4) ----

    @Override
    public boolean approvalRequired() {
        return approvals.get().isPresent();
    }

    @Override
    public List<String> inProgress() {
        return journal.inProgress(tillId).stream().map(r -> r.id).toList();
    }

    @Override
    public CompletableFuture<RollBackOutcome> rollBack(String orderNo, OperatorRef operator, Approval approval) {
        CompletableFuture<RollBackOutcome> result = new CompletableFuture<>();
        if (orderNo == null || orderNo.isBlank()) {
            result.complete(RollBackOutcome.refused(orderNo, Refusal.NOT_FOUND, 0));
            return result;
        }
        executor.execute(() -> {
            try {
                start(orderNo.strip(), operator == null ? OperatorRef.SYSTEM : operator, approval, result);
            } catch (RuntimeException | Error e) {
                LOG.error("Roll back of {} stopped", orderNo, e);
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void start(String orderNo, OperatorRef operator, Approval approval,
            CompletableFuture<RollBackOutcome> result) {
        Optional<PaidOrder> paid = orders.get(orderNo);
        if (paid.isEmpty()) {
            // Either no such order or one that never got paid: both are "not paid" to the cashier.
            result.complete(RollBackOutcome.refused(orderNo, Refusal.NOT_PAID, 0));
            return;
        }
        PaidOrder o = paid.get();
        Optional<RegionGateway> gw = gateways.apply(o.region());
        if (gw.isEmpty()) {
            result.complete(RollBackOutcome.refused(orderNo, Refusal.NO_GATEWAY, 0));
            return;
        }
        int window = gw.get().policy().refundWindowDays();
        Optional<RefundRow> existing = journal.find(orderNo);
        if (existing.isPresent() && !RefundRow.FAILED.equals(existing.get().state)) {
            result.complete(RollBackOutcome.refused(orderNo,
                    RefundRow.REFUNDED.equals(existing.get().state) ? Refusal.ALREADY_REFUNDED : Refusal.IN_PROGRESS,
                    window));
            return;
        }
        Refusal outside = windowRefusal(o.paidAtMillis(), window);
        if (outside != null) {
            result.complete(RollBackOutcome.refused(orderNo, outside, window));
            return;
        }
        Optional<SupervisorApproval> sup = approvals.get();
        if (sup.isPresent()) {
            if (approval == null || approval.supervisorCode() == null || approval.supervisorCode().isBlank()) {
                result.complete(RollBackOutcome.refused(orderNo, Refusal.APPROVAL_REQUIRED, window));
                return;
            }
            if (!sup.get().approve(approval.supervisorCode().strip(), approval.pin())) {
                result.complete(RollBackOutcome.refused(orderNo, Refusal.APPROVAL_DENIED, window));
                return;
            }
        }
        if (!busy.add(orderNo)) {
            result.complete(RollBackOutcome.refused(orderNo, Refusal.IN_PROGRESS, window));
            return;
        }
        try {
            long now = clock.millis();
            RefundRow row;
            if (existing.isPresent()) {
                row = existing.get();
                row.state = RefundRow.IN_PROGRESS;
                // A leg refused earlier is tried again; a refunded one never.
                if (RefundRow.REFUSED.equals(row.insState)) {
                    row.insState = RefundRow.PLANNED;
                }
                if (RefundRow.REFUSED.equals(row.chState)) {
                    row.chState = RefundRow.PLANNED;
                }
                row.operatorCode = operator.code();
                row.operatorName = operator.name();
                row.tillId = tillId; // whichever till started it before, this one drives it now
                row.updatedAt = now;
                journal.update(row, "roll back again by " + operator.code() + " at till " + tillId);
            } else {
                row = newRow(o, operator, now);
                row.tillId = tillId;
                if (!journal.create(row, "roll back by " + operator.code()
                        + (approval != null ? " approved by " + approval.supervisorCode() : ""))) {
                    result.complete(RollBackOutcome.refused(orderNo, Refusal.IN_PROGRESS, window));
                    return;
                }
            }
            waiting.put(orderNo, result);
            LOG.info("Roll back of {} (ss {}) journalled", orderNo, Masking.mask(o.personNo()));
            advance(row, gw.get());
        } finally {
            busy.remove(orderNo);
        }
    }

    static RefundRow newRow(PaidOrder o, OperatorRef operator, long now) {
        RefundRow r = new RefundRow();
        r.id = o.orderNo();
        r.region = o.region();
        r.operatorCode = operator.code();
        r.operatorName = operator.name();
        r.state = RefundRow.IN_PROGRESS;
        r.createdAt = now;
        r.updatedAt = now;
        if (o.hasInsuranceLeg()) {
            r.insState = RefundRow.PLANNED;
            r.insAmountFen = o.insurance().fen();
            r.settlementId = o.settlementId();
            r.visitId = o.visitId();
            r.personNo = o.personNo();
        }
        if (o.hasChannelLeg()) {
            r.chState = RefundRow.PLANNED;
            r.channel = o.channel().name();
            r.outTradeNo = o.outTradeNo();
            r.chAmountFen = o.channelAmount().fen();
            r.outRequestNo = outRequestNo(o.orderNo());
        }
        return r;
    }

    /** Derived from the order alone, so every retry and every restart sends the same number. */
    public static String outRequestNo(String orderNo) {
        String n = "RF" + orderNo;
        return n.length() > 32 ? n.substring(0, 32) : n;
    }

    public Refusal windowRefusal(long paidAtMillis, int windowDays) {
        if (windowDays < 0) {
            return null;
        }
        ZoneId zone = clock.getZone();
        LocalDate paidDay = Instant.ofEpochMilli(paidAtMillis).atZone(zone).toLocalDate();
        LocalDate today = LocalDate.now(clock);
        long days = ChronoUnit.DAYS.between(paidDay, today);
        if (days <= windowDays) {
            return null;
        }
        return windowDays == 0 ? Refusal.OUTSIDE_WINDOW_SAME_DAY : Refusal.OUTSIDE_WINDOW_DAYS;
    }

    /** Drives the legs as far as definite answers allow. Runs on the engine's executor, one task per order. */
    private void advance(RefundRow row, RegionGateway gw) {
        if (needs(row.insState)) {
            boolean retry = !RefundRow.PLANNED.equals(row.insState);
            row.insMsgId = gw.nextMessageId();
            row.insState = RefundRow.SENT;
            row.updatedAt = clock.millis();
            journal.update(row, "2103 sending " + row.insMsgId + (retry ? " (retry)" : ""));
            checkpoint.at(row.id, "before-2103", retry || row.retries > 0);
            String detail;
            try {
                gw.cancelSettlement(new InsuranceCancel(row.insMsgId, row.settlementId, row.visitId, row.personNo,
                        new OperatorRef(row.operatorCode, row.operatorName)));
                afterCall.after(row.id, "INSURANCE");
                row.insState = RefundRow.DONE;
                detail = "2103 done";
            } catch (GatewayException.DefiniteFailure f) {
                afterCall.after(row.id, "INSURANCE");
                if (retry && f.platformMessage().contains(ALREADY_CANCELLED)) {
                    // Our earlier 2103, whose answer was lost, did take effect.
                    row.insState = RefundRow.DONE;
                    detail = "2103 already cancelled: earlier call took effect";
                } else {
                    row.insState = RefundRow.REFUSED;
                    row.insMessage = f.platformMessage();
                    detail = "2103 refused " + f.platformCode() + " " + f.platformMessage();
                }
            } catch (GatewayException u) { // UnknownOutcome: the only other kind
                row.insState = RefundRow.UNKNOWN;
                detail = "2103 answer lost: " + u.getMessage();
            }
            row.updatedAt = clock.millis();
            if (RefundRow.REFUSED.equals(row.insState)) {
                // Nothing refunded yet: the channel leg is not touched, the cashier may try again later.
                row.state = RefundRow.FAILED;
                journal.update(row, detail);
                finish(row);
                return;
            }
            journal.update(row, detail);
            if (RefundRow.UNKNOWN.equals(row.insState)) {
                inProgress(row);
                return;
            }
            if (needs(row.chState)) {
                checkpoint.at(row.id, "between-legs", retry || row.retries > 0);
            }
        }
        if (needs(row.chState)) {
            boolean retry = !RefundRow.PLANNED.equals(row.chState);
            row.chState = RefundRow.SENT;
            row.updatedAt = clock.millis();
            journal.update(row, "refund sending " + row.outRequestNo + (retry ? " (retry)" : ""));
            checkpoint.at(row.id, "before-refund", retry || row.retries > 0);
            String detail;
            try {
                gw.refund(new ChannelRefundRequest(PaymentChannel.valueOf(row.channel), row.outTradeNo,
                        row.outRequestNo, Money.ofFen(row.chAmountFen), "退单", new OperatorRef(row.operatorCode,
                                row.operatorName)));
                afterCall.after(row.id, "CHANNEL");
                row.chState = RefundRow.DONE;
                detail = "refund done " + row.outRequestNo;
            } catch (GatewayException.DefiniteFailure f) {
                afterCall.after(row.id, "CHANNEL");
                row.chState = RefundRow.REFUSED;
                row.chMessage = f.platformMessage();
                detail = "refund refused " + f.platformCode() + " " + f.platformMessage();
            } catch (GatewayException u) { // UnknownOutcome: the only other kind
                row.chState = RefundRow.UNKNOWN;
                detail = "refund answer lost: " + u.getMessage();
            }
            row.updatedAt = clock.millis();
            if (RefundRow.UNKNOWN.equals(row.chState)) {
                journal.update(row, detail);
                inProgress(row);
                return;
            }
            if (RefundRow.REFUSED.equals(row.chState)) {
                row.state = RefundRow.FAILED;
                journal.update(row, detail);
                finish(row);
                return;
            }
            journal.update(row, detail);
        }
        row.state = RefundRow.REFUNDED;
        row.updatedAt = clock.millis();
        journal.update(row, "refunded");
        LOG.info("Order {} refunded", row.id);
        finish(row);
    }

    private static boolean needs(String legState) {
        return RefundRow.PLANNED.equals(legState) || RefundRow.SENT.equals(legState)
                || RefundRow.UNKNOWN.equals(legState);
    }

    private void inProgress(RefundRow row) {
        CompletableFuture<RollBackOutcome> f = waiting.remove(row.id);
        if (f != null) {
            f.complete(outcome(row));
        }
        schedule(row.id);
    }

    private void finish(RefundRow row) {
        CompletableFuture<RollBackOutcome> f = waiting.remove(row.id);
        if (f != null) {
            f.complete(outcome(row));
        }
    }

    static RollBackOutcome outcome(RefundRow row) {
        List<RefundLeg> legs = new ArrayList<>(2);
        if (!RefundRow.NONE.equals(row.insState)) {
            legs.add(new RefundLeg(PaymentChannel.INSURANCE_ACCOUNT, Money.ofFen(row.insAmountFen),
                    legState(row.insState), text(row.insMessage)));
        }
        if (!RefundRow.NONE.equals(row.chState)) {
            legs.add(new RefundLeg(PaymentChannel.valueOf(row.channel), Money.ofFen(row.chAmountFen),
                    legState(row.chState), text(row.chMessage)));
        }
        RollBackOutcome.Result r = switch (row.state) {
        case RefundRow.REFUNDED -> RollBackOutcome.Result.REFUNDED;
        case RefundRow.FAILED -> RollBackOutcome.Result.FAILED;
        default -> RollBackOutcome.Result.IN_PROGRESS;
        };
        return new RollBackOutcome(row.id, r, r == RollBackOutcome.Result.FAILED ? Refusal.LEG_REFUSED : null, -1, legs);
    }

    // ---- background: lost answers and restarts ----

    private void schedule(String orderNo) {
        if (closed) {
            return;
        }
        executor.schedule(() -> retry(orderNo), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry(String orderNo) {
        if (closed || !busy.add(orderNo)) {
            return;
        }
        boolean again = false;
        try {
            Optional<RefundRow> row = journal.find(orderNo);
            if (row.isEmpty() || !RefundRow.IN_PROGRESS.equals(row.get().state)) {
                return;
            }
            RefundRow r = row.get();
            if (r.tillId != null && !r.tillId.equals(tillId)) {
                return; // another till started it again after it failed here: that till drives it now
            }
            Optional<RegionGateway> gw = gateways.apply(r.region);
            if (gw.isEmpty()) {
                again = true;
                return;
            }
            r.retries++;
            advance(r, gw.get());
        } catch (RuntimeException e) {
            // The database or a gateway threw something unexpected: keep the row, try again later.
            LOG.warn("Retry of refund {} failed: {}", orderNo, e.toString());
            again = true;
        } finally {
            busy.remove(orderNo);
        }
        if (again) {
            schedule(orderNo);
        }
    }

    /**
     * After a restart: finishes every refund of this till the journal shows unfinished (a crash between two
     * legs); never another till's (see the constructor).
     */
    public void resume() {
        List<RefundRow> unfinished;
        try {
            unfinished = journal.inProgress(tillId);
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("Cannot read unfinished refunds of till {}; they are resumed at the next start", tillId, e);
            }
            return;
        }
        for (RefundRow r : unfinished) {
            if (closed) {
                return;
            }
            if (r.tillId == null) {
                // Written before tills were told apart: this till's own (RefundJournal#inProgress(String)).
                // Claimed first, so that should such a row reach a central database, one till finishes it.
                try {
                    if (!journal.claim(r.id, tillId)) {
                        continue;
                    }
                } catch (RuntimeException e) {
                    LOG.error("Cannot claim unfinished refund {} for till {}; tried again at the next start", r.id,
                            tillId, e);
                    continue;
                }
            }
            LOG.info("Till {} resuming refund {}", tillId, r.id);
            try {
                executor.execute(() -> retry(r.id));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                return; // closed meanwhile: the row stays IN_PROGRESS for the next start
            }
        }
    }

    public void close() {
        closed = true;
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** For the UI: a LocalDateTime in the engine's zone. */
    public LocalDateTime localTime(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), clock.getZone());
    }
}
