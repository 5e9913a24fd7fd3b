package org.medpay.payment.internal;

import static org.medpay.payment.internal.AttemptRow.BACKWARD;
import static org.medpay.payment.internal.AttemptRow.CANCELLED;
import static org.medpay.payment.internal.AttemptRow.DONE;
import static org.medpay.payment.internal.AttemptRow.FORWARD;
import static org.medpay.payment.internal.AttemptRow.NONE;
import static org.medpay.payment.internal.AttemptRow.PAID;
import static org.medpay.payment.internal.AttemptRow.PAYING;
import static org.medpay.payment.internal.AttemptRow.PLANNED;
import static org.medpay.payment.internal.AttemptRow.REJECTED;
import static org.medpay.payment.internal.AttemptRow.REVERSED;
import static org.medpay.payment.internal.AttemptRow.SENT_NOT_PAID;
import static org.medpay.payment.internal.AttemptRow.SETTLED;
import static org.medpay.payment.internal.AttemptRow.UNKNOWN;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.medpay.core.money.Money;
import org.medpay.core.sale.Eligibility;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.sale.Sale;
import org.medpay.core.sale.SaleLine;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.CancelResult;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.ChannelResult;
import org.medpay.gateway.api.ChannelStatus;
import org.medpay.gateway.api.ChannelTradeRef;
import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.GatewayException.DefiniteFailure;
import org.medpay.gateway.api.GatewayException.UnknownOutcome;
import org.medpay.gateway.api.InsuranceCancel;
import org.medpay.gateway.api.InsuranceRequest;
import org.medpay.gateway.api.InsuranceSettlement;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.api.RegionPolicy.SplitPolicy;
import org.medpay.payment.AttemptState;
import org.medpay.payment.FailureKind;
import org.medpay.payment.PaymentLeg;
import org.medpay.payment.PaymentListener;
import org.medpay.payment.PaymentOutcome;
import org.medpay.payment.PaymentProgress;
import org.medpay.payment.PreSettlementCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settlement state machine. Plain Java (no OSGi) so the fault-injection harness runs the very same
 * code in a child JVM it can kill.
 *
 * <p>Each attempt moves FORWARD (identify, route, 2102, pay, poll) until it is PAID or something fails;
 * then BACKWARD (channel cancel/reverse, 2103, 2601) until nothing is left booked, and only then FAILED.
 * Every change is journalled before the next request leaves, so after a crash the journal says exactly
 * what might be booked. One attempt is driven by one chain of tasks at a time ({@link #active}).
 */
public final class SettlementEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementEngine.class);
    private static final String SUBJECT = "药店购药";

    private final Journal journal;
    private final GatewayDirectory gateways;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final Timing timing;
    /** This till (org.medpay.persistence.TillId): marks the attempts it makes, and only those are resumed. */
    private final String tillId;
    private final List<PreSettlementCheck> checks = new CopyOnWriteArrayList<>();
    private final Map<String, Run> active = new ConcurrentHashMap<>();
    private final Object createLock = new Object();
    private volatile String activeRegion;
    private volatile boolean closed;

    /** One attempt being driven; {@code code}/{@code lines} are null for one picked up from the journal. */
    static final class Run {
        final AttemptRow row;
        final ScannedCode code;
        final List<SaleLine> lines;
        final Eligibility eligibility;
        final OperatorRef operator;
        final PaymentListener listener;
        final CompletableFuture<PaymentOutcome> future = new CompletableFuture<>();
        final boolean recovered;
        final long startedAt;
        BuyerIdentity buyer;
        /** P-1: the insurance amount a refused (BLOCKED_BY_RULE) settlement was about to book; not journalled. */
        Money insuranceDue;
        long payRef;
        int cancelTries;
        /** Only the drive holding the newest ticket steps; a wake-up supersedes a scheduled back-off. */
        final java.util.concurrent.atomic.AtomicLong ticket = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();
        /** A gateway for the region appeared while a step was running: step again at once. */
        volatile boolean wake;
        /** Waiting in the journal for a gateway of its region (hot swap: the region bundle went away). */
        volatile boolean parked;
        /** Was parked at least once: sends nothing new once the window is over. */
        boolean wasParked;

        Run(AttemptRow row, ScannedCode code, List<SaleLine> lines, Eligibility eligibility, OperatorRef operator,
                PaymentListener listener, boolean recovered, long startedAt) {
            this.row = row;
            this.code = code;
            this.lines = lines;
            this.eligibility = eligibility;
            this.operator = operator;
            this.listener = listener;
            this.recovered = recovered;
            this.startedAt = startedAt;
        }
    }

    /**
     * @param tillId this till's id: attempts it makes carry it, and {@link #recover()} and the resumption
     *               when a region's gateway binds again drive only attempts that carry it (or none, see
     *               {@link Journal#open(String)}). On a chain's central database another till's open attempt
     *               is in flight at that till; resolving it here would query and cancel it under its cashier.
     */
    public SettlementEngine(Journal journal, GatewayDirectory gateways, Clock clock, TaskScheduler scheduler,
            Timing timing, String activeRegion, String tillId) {
        if (tillId == null || tillId.isBlank()) {
            throw new IllegalArgumentException("a till id is required");
        }
        this.tillId = tillId;
        this.journal = journal;
        this.gateways = gateways;
        this.clock = clock;
        this.scheduler = scheduler;
        this.timing = timing;
        this.activeRegion = activeRegion;
        // Hot swap: a gateway for a region (re)appears => resolve that region's open attempts now, not at the
        // next back-off (parked runs continue where they stopped, attempts in back-off are woken).
        gateways.onAppeared(region -> {
            if (!closed) {
                scheduler.execute(() -> resume(region));
            }
        });
    }

    public void setActiveRegion(String region) {
        this.activeRegion = region;
    }

    public String activeRegion() {
        return activeRegion;
    }

    public String tillId() {
        return tillId;
    }

    public void addCheck(PreSettlementCheck check) {
        checks.add(check);
    }

    public void removeCheck(PreSettlementCheck check) {
        checks.remove(check);
    }

    public Journal journal() {
        return journal;
    }

    /** Stops driving; what is open stays in the journal for the next start. */
    public void close() {
        closed = true;
    }

    // ------------------------------------------------------------------ start

    public CompletableFuture<PaymentOutcome> settle(Sale sale, ScannedCode code, OperatorRef operator,
            PaymentListener listener) {
        // Snapshot now, on the caller's thread (memory only): the sale may change after the click.
        List<SaleLine> lines = sale.lines();
        Money total = sale.total();
        Eligibility eligibility = sale.insuranceEligibility();
        String saleId = sale.id();
        CompletableFuture<PaymentOutcome> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                begin(saleId, lines, total, eligibility, code, operator, listener, result);
            } catch (RuntimeException e) {
                LOG.error("Settlement of sale {} could not start", saleId, e);
                result.complete(PaymentOutcome.refused(FailureKind.INTERNAL, total));
            }
        });
        return result;
    }

    private void begin(String saleId, List<SaleLine> lines, Money total, Eligibility eligibility, ScannedCode code,
            OperatorRef operator, PaymentListener listener, CompletableFuture<PaymentOutcome> result) {
        if (lines.isEmpty() || !total.isPositive()) {
            result.complete(PaymentOutcome.refused(FailureKind.EMPTY_SALE, total));
            return;
        }
        // Garbage never reaches a gateway (domain: validate before any network call).
        if (code == null || !Router.settles(code.kind())) {
            result.complete(PaymentOutcome.refused(FailureKind.CODE_INVALID, total));
            return;
        }
        if (!eligibility.insuranceAllowed() && Router.wallet(code.kind()) == null) {
            // N-2 with an e-voucher alone: nothing can pay; ask for the payment code, send nothing.
            result.complete(PaymentOutcome.refused(FailureKind.NEEDS_PAYMENT_CODE, total));
            return;
        }
        String region = activeRegion;
        RegionGateway gateway = gateways.find(region).orElse(null);
        if (gateway == null) {
            result.complete(PaymentOutcome.refused(FailureKind.NO_GATEWAY, total));
            return;
        }
        long now = clock.millis();
        AttemptRow a = new AttemptRow();
        Run run;
        synchronized (createLock) {
            // N-3: a rescan is a new attempt, but never while the earlier one's fate is open (in memory here,
            // in the journal by journal.create itself).
            if (active.values().stream().anyMatch(r -> saleId.equals(r.row.saleId))) {
                result.complete(PaymentOutcome.refused(FailureKind.EARLIER_ATTEMPT_UNRESOLVED, total));
                return;
            }
            a.id = Ids.next(clock);
            a.saleId = saleId;
            a.region = region;
            a.tillId = tillId;
            a.operatorCode = operator.code();
            a.operatorName = operator.name();
            a.codeKind = code.kind().name();
            a.maskedCode = code.masked();
            a.totalFen = total.fen();
            a.snapshot = SaleSnapshot.encode(lines);
            a.state = AttemptState.CREATED.name();
            a.phase = FORWARD;
            a.createdAt = now;
            a.updatedAt = now;
            a.deadline = now + timing.window().toMillis();
            String route = "";
            if (eligibility.insuranceAllowed()) {
                // The 2102 msgid, journalled with the attempt (journal first): the route after 1101 then needs no
                // commit of its own (see note), because recovery reverses (2601) a journalled msgid whether or
                // not its 2102 left. The route clears it when the buyer pays by wallet alone.
                a.insMsgId = gateway.nextMessageId();
                route = "; 2102 msgid " + a.insMsgId;
            } else if (Router.wallet(code.kind()) != null) {
                // N-2 decides without asking anyone: journal the channel leg with the attempt (one commit less).
                planChannel(a, Router.wallet(code.kind()), total, false);
                a.state = AttemptState.CREATED.name();
                route = "; N-2: " + a.channel + " pays all";
            }
            if (!journal.create(a, "created " + code.kind() + " " + code.masked() + " total " + total + route)) {
                result.complete(PaymentOutcome.refused(FailureKind.EARLIER_ATTEMPT_UNRESOLVED, total));
                return;
            }
            run = new Run(a, code, lines, eligibility, operator, listener, false, now);
            active.put(a.id, run);
        }
        run.future.whenComplete((o, e) -> result.complete(o));
        progress(run);
        drive(run, run.ticket.incrementAndGet());
    }

    // ------------------------------------------------------------------ recovery

    /** Start-up: resolves every attempt of this till a crash (or a missing gateway) left open. */
    public void recover() {
        resume(null);
    }

    /** This till's open attempts (of {@code region}, or all): never another till's (see the constructor). */
    private void resume(String region) {
        if (closed) {
            return;
        }
        List<AttemptRow> open;
        try {
            open = journal.open(tillId);
        } catch (RuntimeException e) {
            LOG.error("Cannot read the payment journal for recovery (till {})", tillId, e);
            return;
        }
        for (AttemptRow row : open) {
            if (region != null && !region.equals(row.region)) {
                continue;
            }
            if (row.tillId == null && !active.containsKey(row.id)) {
                // Written before tills were told apart: this till's own (Journal#open). Claimed first, so that
                // should such a row reach a central database, one till drives it, not every till at once.
                try {
                    if (!journal.claim(row.id, tillId)) {
                        continue;
                    }
                } catch (RuntimeException e) {
                    LOG.error("Cannot claim open attempt {} for till {}; tried again at the next resumption", row.id,
                            tillId, e);
                    continue;
                }
                row.tillId = tillId;
            }
            Run run = new Run(row, null, null, null, new OperatorRef(row.operatorCode, row.operatorName), null, true,
                    clock.millis());
            Run existing = active.putIfAbsent(row.id, run);
            if (existing == null) {
                LOG.info("Till {} resolving open attempt {}", tillId, row);
                kick(run, Duration.ZERO);
            } else if (region != null) {
                // Parked (its gateway went away) or waiting in back-off: the region's gateway is back, go on now.
                existing.wake = true;
                kick(existing, Duration.ZERO);
            }
        }
    }

    // ------------------------------------------------------------------ driving

    /** Schedules the next drive of {@code r}; any drive scheduled before is void. */
    private void kick(Run r, Duration delay) {
        long t = r.ticket.incrementAndGet();
        scheduler.schedule(() -> drive(r, t), delay);
    }

    private void drive(Run r, long ticket) {
        // One chain per attempt: a drive whose ticket was superseded (by a wake-up) does nothing, and a wake-up
        // arriving while a step runs (a gateway call may block for seconds) leaves a note instead of a blocked thread.
        if (closed || r.ticket.get() != ticket) {
            return;
        }
        if (!r.running.compareAndSet(false, true)) {
            r.wake = true;
            return;
        }
        Duration next;
        try {
            r.wake = false;
            r.parked = false;
            try {
                do {
                    next = step(r);
                } while (next != null && next.isZero() && !closed);
            } catch (RuntimeException e) {
                // The journal failed or a bug: never guess what happened; keep the attempt open and retry.
                LOG.error("Attempt {} stopped on an error; retrying in the background", r.row.id, e);
                r.row.retries++;
                completeIfPending(r, PaymentOutcome.Result.UNKNOWN);
                next = backoff(r.row);
            }
            if (next != null && !closed) {
                kick(r, r.wake ? Duration.ZERO : next);
            }
        } finally {
            r.running.set(false);
        }
        // A gateway for the region appeared while the step ran (and found none, or failed on the old one).
        if (r.wake && !closed && (next != null || r.parked)) {
            kick(r, Duration.ZERO);
        }
    }

    /** @return null when finished or parked, ZERO to step again now, else when to step again */
    private Duration step(Run r) {
        AttemptRow a = r.row;
        if (DONE.equals(a.phase)) {
            finish(r);
            return null;
        }
        RegionGateway found = gateways.find(a.region).orElse(null);
        if (found == null) {
            return park(r);
        }
        RegionGateway g = new GuardedGateway(found);
        if (FORWARD.equals(a.phase) && r.wasParked && !r.recovered && clock.millis() >= a.deadline && sendsNew(a)) {
            // The region's gateway was away past N-3's window: nothing new is sent (the code has expired).
            return goBackward(r, FailureKind.NO_GATEWAY, null, "gateway was away until after the 60 s window");
        }
        return FORWARD.equals(a.phase) ? forward(r, g) : backward(r, g);
    }

    /** The gateway {@code g} no longer serves the region (its bundle was stopped, updated or uninstalled). */
    private boolean replaced(String region, RegionGateway g) {
        RegionGateway used = g instanceof GuardedGateway gg ? gg.delegate() : g;
        return gateways.find(region).map(now -> now != used).orElse(true);
    }

    /** The next forward step would send a new money-moving request (1101/2102/pay), not ask about an old one. */
    private static boolean sendsNew(AttemptRow a) {
        return (NONE.equals(a.insState) && NONE.equals(a.chState)) || PLANNED.equals(a.insState)
                || PLANNED.equals(a.chState);
    }

    /**
     * Invariant 2, hot swap: no gateway for the attempt's region (its bundle was stopped, updated or
     * uninstalled). The attempt stays open in the journal, its in-memory run kept (the scanned code, the
     * payment's clock), and continues when a gateway for the region binds again ({@link #resume}). The
     * cashier learns UNKNOWN when the 60 s window closes first.
     */
    private Duration park(Run r) {
        AttemptRow a = r.row;
        LOG.warn("No gateway for region {}: attempt {} waits in the journal", a.region, a.id);
        r.parked = true;
        r.wasParked = true;
        if (!AttemptState.UNKNOWN.name().equals(a.state)) {
            a.state = AttemptState.UNKNOWN.name();
            save(a, "no gateway for region " + a.region + ": waits for one");
        }
        progress(r);
        long left = a.deadline - clock.millis();
        if (r.recovered || !FORWARD.equals(a.phase) || left <= 0) {
            completeIfPending(r, PaymentOutcome.Result.UNKNOWN);
        } else if (!r.future.isDone()) {
            scheduler.schedule(() -> {
                if (r.parked) {
                    completeIfPending(r, PaymentOutcome.Result.UNKNOWN);
                }
            }, Duration.ofMillis(left));
        }
        return null;
    }

    private Duration forward(Run r, RegionGateway g) {
        AttemptRow a = r.row;
        if (r.recovered) {
            return recoverForward(r, g);
        }
        if (NONE.equals(a.insState) && NONE.equals(a.chState)) {
            return route(r, g);
        }
        if (PLANNED.equals(a.insState)) {
            return settleInsurance(r, g);
        }
        if (SETTLED.equals(a.insState) && a.fallbackPending) {
            return cancelForFallback(r, g);
        }
        if (PLANNED.equals(a.chState)) {
            return pay(r, g);
        }
        if (PAYING.equals(a.chState) || UNKNOWN.equals(a.chState)) {
            return poll(r, g);
        }
        throw new IllegalStateException("no forward step for " + a);
    }

    // ------------------------------------------------------------------ forward steps

    private Duration route(Run r, RegionGateway g) {
        AttemptRow a = r.row;
        ScannedCodeKind kind = r.code.kind();
        PaymentChannel wallet = Router.wallet(kind);
        Money total = Money.ofFen(a.totalFen);
        BuyerIdentity buyer = null;
        if (r.eligibility.insuranceAllowed()) {
            // Reported, not journalled: 1101 books nothing, and recovery treats CREATED and IDENTIFYING alike.
            a.state = AttemptState.IDENTIFYING.name();
            progress(r);
            try {
                buyer = g.identify(r.code, r.operator);
            } catch (DefiniteFailure f) {
                if (f.reason() != FailureReason.BUYER_NOT_BOUND || wallet == null) {
                    return finalFail(r, kindOf(f.reason(), wallet == null), f);
                }
                // Not bound (P-5): the payment code's wallet pays, as for N-2.
            } catch (GatewayException ge) { // sealed: the other kind, UnknownOutcome
            UnknownOutcome u = (UnknownOutcome) ge;
                if (replaced(a.region, g)) {
                    // Hot swap: the region bundle went away under the call. 1101 books nothing: ask the gateway
                    // serving the region now (or wait for one) instead of failing the sale.
                    LOG.info("Attempt {}: gateway replaced during 1101, asking again", a.id);
                    return Duration.ZERO;
                }
                // 1101 books nothing: fail cleanly, the cashier may simply scan again.
                return finalFail(r, FailureKind.NETWORK, null);
            }
        }
        Route route = Router.route(r.eligibility, buyer, kind, total, g.policy().split());
        switch (route.kind()) {
            case REFUSED -> {
                return finalFail(r, route.refusal(), null);
            }
            case CHANNEL_ONLY -> {
                a.insMsgId = null; // no 2102 will be sent: nothing for recovery to reverse
                planChannel(a, route.wallet(), total, route.fellBack());
                save(a, "route: " + route.wallet() + " pays " + total + (route.fellBack() ? " (N-1 fallback)" : " (N-2 or unbound)"));
            }
            case INSURANCE -> {
                r.buyer = buyer;
                a.channel = wallet == null ? null : wallet.name();
                a.insPersonNo = buyer.personNo();
                a.insState = PLANNED;
                a.state = AttemptState.SETTLING_INSURANCE.name();
                // The msgid was committed with the attempt (begin: insurance allowed): noting suffices.
                note(a, "route: personal account, msgid " + a.insMsgId);
            }
        }
        progress(r);
        return Duration.ZERO;
    }

    private void planChannel(AttemptRow a, PaymentChannel wallet, Money amount, boolean fellBack) {
        a.channel = wallet.name();
        a.chAmountFen = amount.fen();
        a.chState = PLANNED;
        a.outTradeNo = a.id;
        a.fellBack = a.fellBack || fellBack;
        a.state = AttemptState.PAYING.name();
    }

    /**
     * The one place the insurance leg is booked (2102): every {@link PreSettlementCheck} (e.g. the P-1
     * register) is asked first, and a refusal books nothing.
     */
    private Duration settleInsurance(Run r, RegionGateway g) {
        AttemptRow a = r.row;
        Money total = Money.ofFen(a.totalFen);
        PreSettlementCheck.Context ctx = new PreSettlementCheck.Context(a.id, a.saleId, a.region, g.policy(), r.buyer,
                r.lines, total, r.operator);
        for (PreSettlementCheck check : checks) {
            String refusal = check.check(ctx);
            if (refusal != null) {
                r.insuranceDue = RegisterCheck.insuranceAmount(ctx);
                a.insState = REJECTED;
                a.platformMessage = refusal;
                return finalFail(r, FailureKind.BLOCKED_BY_RULE, null);
            }
        }
        PaymentChannel wallet = a.channel == null ? null : PaymentChannel.valueOf(a.channel);
        InsuranceRequest request = new InsuranceRequest(a.insMsgId, a.saleId, r.buyer, r.lines, total, true,
                r.operator, clock.instant());
        InsuranceSettlement s;
        try {
            s = g.settle(request);
        } catch (DefiniteFailure f) {
            a.insState = REJECTED;
            boolean fallBack = f.reason() == FailureReason.BALANCE_INSUFFICIENT || f.reason() == FailureReason.BUYER_NOT_BOUND;
            if (fallBack && wallet != null) {
                planChannel(a, wallet, total, f.reason() == FailureReason.BALANCE_INSUFFICIENT);
                save(a, "2102 refused (" + f.platformCode() + "): " + wallet + " pays all (N-1)");
                progress(r);
                return Duration.ZERO;
            }
            return finalFail(r, fallBack ? FailureKind.NEEDS_PAYMENT_CODE : kindOf(f.reason(), wallet == null), f);
        } catch (GatewayException ge) { // sealed: the other kind, UnknownOutcome
            UnknownOutcome u = (UnknownOutcome) ge;
            // Lost answer: the journalled msgid lets 2601 void whatever the platform did.
            a.insState = UNKNOWN;
            return goBackward(r, FailureKind.NETWORK, null, "2102 answer lost: " + u.kind());
        }
        a.insState = SETTLED;
        a.insSettleId = s.settlementId();
        a.insVisitId = s.visitId();
        a.insAccountFen = s.accountPaid() == null ? 0 : s.accountPaid().fen();
        a.balanceAfterFen = s.balanceAfter() == null ? null : s.balanceAfter().fen();
        Money cash = s.cashPart() == null ? Money.ZERO : s.cashPart();
        if (!cash.isPositive()) {
            a.state = AttemptState.PAID.name();
            a.phase = DONE;
            save(a, "2102 settled " + a.insSettleId + " account " + Money.ofFen(a.insAccountFen));
            return finish(r);
        }
        if (wallet == null) {
            return goBackward(r, FailureKind.NEEDS_PAYMENT_CODE, null, "2102 left " + cash + " to pay and there is no payment code");
        }
        if (g.policy().split() == SplitPolicy.ACCOUNT_THEN_CHANNEL) {
            planChannel(a, wallet, cash, false);
            save(a, "2102 settled " + a.insSettleId + "; " + wallet + " pays the rest " + cash);
        } else {
            // N-1: all or nothing from the account; undo the 2102, then the wallet pays the whole amount.
            a.fallbackPending = true;
            a.fellBack = true;
            save(a, "2102 settled " + a.insSettleId + " but " + cash + " left: undo (2103), then " + wallet + " pays all");
        }
        progress(r);
        return Duration.ZERO;
    }

    private Duration cancelForFallback(Run r, RegionGateway g) {
        AttemptRow a = r.row;
        try {
            g.cancelSettlement(new InsuranceCancel(g.nextMessageId(), a.insSettleId, a.insVisitId, a.insPersonNo, r.operator));
        } catch (GatewayException e) {
            return goBackward(r, FailureKind.NETWORK, null, "2103 for the N-1 fallback failed: " + e.getMessage());
        }
        a.insState = CANCELLED;
        a.fallbackPending = false;
        a.balanceAfterFen = null; // 2103 gave the account back; the 2102 balance no longer holds
        planChannel(a, PaymentChannel.valueOf(a.channel), Money.ofFen(a.totalFen), true);
        save(a, "2103 done; " + a.channel + " pays all");
        progress(r);
        return Duration.ZERO;
    }

    private Duration pay(Run r, RegionGateway g) {
        AttemptRow a = r.row;
        PaymentChannel channel = PaymentChannel.valueOf(a.channel);
        r.payRef = clock.millis();
        a.payCalledAt = r.payRef;
        a.state = AttemptState.PAYING.name();
        progress(r);
        try {
            ChannelResult res = g.pay(new ChannelPayRequest(channel, a.outTradeNo, r.code.text(),
                    Money.ofFen(a.chAmountFen), SUBJECT, r.operator));
            return afterChannelAnswer(r, res, FailureKind.REJECTED);
        } catch (DefiniteFailure f) {
            a.chState = REJECTED;
            FailureKind kind = kindOf(f.reason(), false);
            if (SETTLED.equals(a.insState)) {
                // Two legs: the second failed, so the first is undone (2103): nothing charged unless all is paid.
                remember(a, f);
                return goBackward(r, kind, f, "pay refused: " + f.platformCode());
            }
            return finalFail(r, kind, f);
        } catch (GatewayException ge) { // sealed: the other kind, UnknownOutcome
            UnknownOutcome u = (UnknownOutcome) ge;
            // SYSTEMERROR / 20000 / lost answer: the trade may exist; ask after a while, within the window.
            a.chState = UNKNOWN;
            a.state = AttemptState.PAYING.name();
            note(a, "pay answer unknown (" + u.kind() + "): query");
            progress(r);
            return min(timing.unknownQuery(), remaining(a));
        }
    }

    private Duration afterChannelAnswer(Run r, ChannelResult res, FailureKind ifNotPaid) {
        AttemptRow a = r.row;
        switch (res.status()) {
            case PAID -> {
                a.chState = PAID;
                a.tradeNo = res.tradeNo();
                a.state = AttemptState.PAID.name();
                a.phase = DONE;
                a.failure = null;
                // Durable before the outcome (on the caller's critical path, issue 4): once the till says paid,
                // the screen is cleared (P-12) and the buyer leaves; the paid-orders list a refund starts from
                // reads the journal; and for an account-only payment (settleInsurance) an uncommitted
                // SETTLED would make recovery 2601-reverse a settlement the buyer has left with. One commit is the
                // price of never unsaying "paid".
                save(a, a.channel + " paid " + Money.ofFen(a.chAmountFen) + " trade " + res.tradeNo());
                return finish(r);
            }
            case PAYING -> {
                boolean changed = !PAYING.equals(a.chState);
                a.chState = PAYING;
                a.state = AttemptState.PAYING.name();
                if (changed) {
                    note(a, "buyer confirming on the phone");
                }
                progress(r);
                return nextPoll(a);
            }
            default -> {
                // Closed, revoked, refunded: cancel anyway, so no late confirmation can charge the buyer.
                a.chState = SENT_NOT_PAID;
                return goBackward(r, ifNotPaid, null, "channel says " + res.status());
            }
        }
    }

    private Duration poll(Run r, RegionGateway g) {
        AttemptRow a = r.row;
        boolean payLost = UNKNOWN.equals(a.chState);
        // Ask even at the deadline: a confirmation that arrived in the last seconds is a payment, not a refund.
        boolean over = clock.millis() >= a.deadline;
        FailureKind late = payLost ? FailureKind.NETWORK : FailureKind.NOT_CONFIRMED_IN_TIME;
        try {
            ChannelResult res = g.query(new ChannelTradeRef(PaymentChannel.valueOf(a.channel), a.outTradeNo));
            if (over && res.status() == ChannelStatus.PAYING) {
                // N-3: 60 s without confirmation => the attempt has failed; undo per the platform's rules.
                a.chState = PAYING;
                return goBackward(r, late, null, "60 s window over");
            }
            // A confirming trade the platform ended (WeChat revokes after ~45 s, Alipay timeout_express, or the
            // buyer gave up): to the cashier the buyer did not confirm (N-3).
            return afterChannelAnswer(r, res, payLost ? FailureKind.NETWORK : FailureKind.NOT_CONFIRMED_IN_TIME);
        } catch (DefiniteFailure f) {
            if (payLost && f.reason() == FailureReason.TRADE_NOT_FOUND) {
                return goBackward(r, FailureKind.NETWORK, null, "pay answer lost, trade not found");
            }
            remember(a, f);
            return goBackward(r, kindOf(f.reason(), false), f, "query refused: " + f.platformCode());
        } catch (GatewayException ge) { // sealed: the other kind, UnknownOutcome
            UnknownOutcome u = (UnknownOutcome) ge;
            if (over) {
                return goBackward(r, late, null, "60 s window over, query unanswered");
            }
            progress(r);
            return nextPoll(a);
        }
    }

    /** Picked up from the journal: complete what is certainly paid, undo everything else. */
    private Duration recoverForward(Run r, RegionGateway g) {
        AttemptRow a = r.row;
        if (PLANNED.equals(a.chState) || PAYING.equals(a.chState) || UNKNOWN.equals(a.chState)) {
            try {
                ChannelResult res = g.query(new ChannelTradeRef(PaymentChannel.valueOf(a.channel), a.outTradeNo));
                if (res.status() == ChannelStatus.PAID) {
                    // Channel legs start only after the insurance leg is settled (or absent): all is paid.
                    return afterChannelAnswer(r, res, FailureKind.INTERRUPTED);
                }
            } catch (DefiniteFailure f) {
                // not found / closed: nothing to complete
            } catch (GatewayException ge) { // sealed: the other kind, UnknownOutcome
            UnknownOutcome u = (UnknownOutcome) ge;
                return toUnknown(r, "recovery query: " + u.kind());
            }
        }
        return goBackward(r, FailureKind.INTERRUPTED, null, "recovered after a stop: undo");
    }

    // ------------------------------------------------------------------ backward steps

    private Duration backward(Run r, RegionGateway g) {
        AttemptRow a = r.row;
        String ch = a.chState;
        if (PLANNED.equals(ch) || PAYING.equals(ch) || UNKNOWN.equals(ch) || SENT_NOT_PAID.equals(ch)) {
            return undoChannel(r, g);
        }
        if (SETTLED.equals(a.insState)) {
            try {
                g.cancelSettlement(new InsuranceCancel(g.nextMessageId(), a.insSettleId, a.insVisitId, a.insPersonNo, r.operator));
            } catch (DefiniteFailure f) {
                if (f.reason() != FailureReason.TRADE_CLOSED && f.reason() != FailureReason.TRADE_NOT_FOUND) {
                    return toUnknown(r, "2103 refused: " + f.platformCode() + " " + f.platformMessage());
                }
            } catch (GatewayException ge) { // sealed: the other kind, UnknownOutcome
            UnknownOutcome u = (UnknownOutcome) ge;
                return toUnknown(r, "2103: " + u.kind());
            }
            a.insState = CANCELLED;
            save(a, "2103 cancelled settlement " + a.insSettleId);
            return Duration.ZERO;
        }
        if (PLANNED.equals(a.insState) || UNKNOWN.equals(a.insState) || (NONE.equals(a.insState) && a.insMsgId != null)) {
            // NONE with a msgid: journalled at create, and the route to the account may have been noted only.
            try {
                g.reverse(a.insMsgId, "2102", r.operator);
            } catch (GatewayException e) {
                return toUnknown(r, "2601 of " + a.insMsgId + ": " + e.getMessage());
            }
            a.insState = REVERSED;
            save(a, "2601 reversed msgid " + a.insMsgId);
            return Duration.ZERO;
        }
        a.phase = DONE;
        a.state = AttemptState.FAILED.name();
        save(a, "nothing left booked: failed (" + a.failure + ")");
        return finish(r);
    }

    private Duration undoChannel(Run r, RegionGateway g) {
        AttemptRow a = r.row;
        PaymentChannel channel = PaymentChannel.valueOf(a.channel);
        ChannelTradeRef ref = new ChannelTradeRef(channel, a.outTradeNo);
        long now = clock.millis();
        if (channel == PaymentChannel.WECHAT) {
            // WeChat: no reverse within 15 s of the pay call; after a restart that moment is lost, so count
            // from the restart.
            long payRef = r.payRef != 0 ? r.payRef : r.recovered ? r.startedAt : Math.max(a.payCalledAt, a.createdAt);
            long earliest = payRef + timing.wechatNoReverse().toMillis();
            if (now < earliest) {
                progress(r);
                return Duration.ofMillis(earliest - now);
            }
            // ... and not while USERPAYING: wait for WeChat to settle or close it, within a grace period.
            try {
                if (g.query(ref).status() == ChannelStatus.PAYING
                        && now < Math.max(a.deadline, r.startedAt) + timing.userpayingGrace().toMillis()) {
                    progress(r);
                    return timing.poll();
                }
            } catch (GatewayException e) {
                // the reverse below decides
            }
        }
        CancelResult c;
        try {
            c = g.cancel(ref);
        } catch (DefiniteFailure f) {
            if (f.reason() == FailureReason.TRADE_NOT_FOUND || closedOrRefunded(g, ref)) {
                a.chState = CANCELLED;
                save(a, "nothing to cancel (" + f.platformCode() + ")");
                return Duration.ZERO;
            }
            return toUnknown(r, "cancel refused: " + f.platformCode() + " " + f.platformMessage());
        } catch (GatewayException ge) { // sealed: the other kind, UnknownOutcome
            UnknownOutcome u = (UnknownOutcome) ge;
            return toUnknown(r, "cancel: " + u.kind());
        }
        if (c.done()) {
            a.chState = CANCELLED;
            r.cancelTries = 0;
            save(a, "channel " + (c.action() == null ? "cancelled" : c.action()));
            return Duration.ZERO;
        }
        if (c.retry() && ++r.cancelTries <= timing.maxCancelRetries()) {
            return timing.cancelRetry();
        }
        r.cancelTries = 0;
        return toUnknown(r, "cancel not done after retries");
    }

    private static boolean closedOrRefunded(RegionGateway g, ChannelTradeRef ref) {
        try {
            ChannelStatus s = g.query(ref).status();
            return s == ChannelStatus.NOT_PAID || s == ChannelStatus.REFUNDED;
        } catch (DefiniteFailure f) {
            return f.reason() == FailureReason.TRADE_NOT_FOUND;
        } catch (GatewayException ge) { // sealed: the other kind, UnknownOutcome
            UnknownOutcome u = (UnknownOutcome) ge;
            return false;
        }
    }

    // ------------------------------------------------------------------ transitions

    private Duration goBackward(Run r, FailureKind kind, DefiniteFailure f, String detail) {
        AttemptRow a = r.row;
        a.phase = BACKWARD;
        a.state = AttemptState.CANCELLING.name();
        if (a.failure == null || kind != FailureKind.INTERRUPTED) {
            a.failure = kind.name();
        }
        if (f != null) {
            remember(a, f);
        }
        save(a, "undo: " + detail);
        progress(r);
        return Duration.ZERO;
    }

    private Duration toUnknown(Run r, String detail) {
        AttemptRow a = r.row;
        a.retries++;
        a.state = AttemptState.UNKNOWN.name();
        save(a, "unknown, retry " + a.retries + ": " + detail);
        progress(r);
        completeIfPending(r, PaymentOutcome.Result.UNKNOWN);
        return backoff(a);
    }

    private Duration finalFail(Run r, FailureKind kind, DefiniteFailure f) {
        AttemptRow a = r.row;
        a.failure = kind.name();
        if (f != null) {
            remember(a, f);
        }
        a.phase = DONE;
        a.state = AttemptState.FAILED.name();
        save(a, "failed: " + kind + (f == null ? "" : " [" + f.platformCode() + "]"));
        return finish(r);
    }

    private Duration finish(Run r) {
        active.remove(r.row.id);
        progress(r);
        completeIfPending(r, AttemptState.PAID.name().equals(r.row.state) ? PaymentOutcome.Result.PAID
                : PaymentOutcome.Result.FAILED);
        return null;
    }

    private static void remember(AttemptRow a, DefiniteFailure f) {
        a.platformCode = cut(f.platformCode(), 64);
        a.platformMessage = cut(f.platformMessage(), 500);
    }

    private static String cut(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n);
    }

    private void save(AttemptRow a, String detail) {
        a.updatedAt = clock.millis();
        journal.update(a, detail);
    }

    /**
     * Journals a change without a durable commit of its own: the event is written with the attempt's next
     * {@link #save} (issue 4: one commit before each request that can book money, one for the final state).
     * Only for changes whose loss on a crash changes nothing, i.e. where the last committed state leads
     * recovery to the very same steps:
     * <ul>
     * <li>channel PLANNED -> PAYING (buyer confirming, 10003/USERPAYING) and PLANNED -> UNKNOWN (pay answer
     * lost). The pay request left after PLANNED was committed, with its out_trade_no. After a crash,
     * {@link #recoverForward} treats PLANNED, PAYING and UNKNOWN alike: it asks the platform about that
     * out_trade_no, completes a payment the buyer confirmed, and otherwise undoes the trade (N-3: unconfirmed
     * within 60 s means failed, the buyer scans again), and {@link #backward} undoes all three the same way.
     * Without a crash the engine drives from memory, and the next save (PAID, undo, final) writes the noted
     * events first, in order, in its own transaction.</li>
     * <li>insurance NONE -> PLANNED (1101 found the buyer bound and the sale goes to the account). The 2102
     * msgid was committed with the attempt ({@link #begin}); 1101 books nothing. After a crash, {@link #backward}
     * reverses (2601) a journalled msgid whether the journal says NONE or PLANNED, and the platform voids it
     * whether or not the 2102 left (domain.md), so both states lead recovery to the same step.</li>
     * </ul>
     * Never for anything a request depends on (a msgid, an out_trade_no, a plan, a booked leg) nor for a
     * final state: those stay {@link #save}s, committed before the next request leaves or the outcome is
     * reported.
     */
    private void note(AttemptRow a, String detail) {
        a.updatedAt = clock.millis();
        journal.note(a, detail);
    }

    private Duration backoff(AttemptRow a) {
        long ms = timing.background().toMillis() << Math.min(10, Math.max(0, a.retries - 1));
        return Duration.ofMillis(Math.min(ms, timing.backgroundMax().toMillis()));
    }

    private Duration remaining(AttemptRow a) {
        return Duration.ofMillis(Math.max(0, a.deadline - clock.millis()));
    }

    private Duration nextPoll(AttemptRow a) {
        Duration left = remaining(a);
        // ZERO would loop at once into the deadline check; that is what we want when time is up.
        return left.isZero() ? Duration.ZERO : min(timing.poll(), left);
    }

    private static Duration min(Duration x, Duration y) {
        return x.compareTo(y) <= 0 ? x : y;
    }

    static FailureKind kindOf(FailureReason reason, boolean evoucherOnly) {
        return switch (reason) {
            case BALANCE_INSUFFICIENT, BUYER_NOT_BOUND -> FailureKind.NEEDS_PAYMENT_CODE;
            case CODE_EXPIRED -> FailureKind.CODE_EXPIRED;
            case CODE_INVALID -> FailureKind.CODE_INVALID;
            case BUYER_CANCELLED -> FailureKind.BUYER_CANCELLED;
            case PAYMENT_DECLINED -> FailureKind.PAYMENT_DECLINED;
            default -> FailureKind.REJECTED;
        };
    }

    // ------------------------------------------------------------------ reporting

    private void progress(Run r) {
        if (r.listener == null) {
            return;
        }
        AttemptRow a = r.row;
        long left = Math.max(0, a.deadline - clock.millis());
        try {
            r.listener.onProgress(new PaymentProgress(a.id, AttemptState.valueOf(a.state), (int) ((left + 999) / 1000),
                    a.deadline));
        } catch (RuntimeException e) {
            LOG.warn("Payment listener failed", e);
        }
    }

    private void completeIfPending(Run r, PaymentOutcome.Result result) {
        if (!r.future.isDone()) {
            PaymentOutcome o = outcome(r.row, result);
            if (r.insuranceDue != null && o.failure() == FailureKind.BLOCKED_BY_RULE) {
                o = new PaymentOutcome(o.attemptId(), o.result(), o.failure(), o.platformCode(), o.platformMessage(),
                        o.legs(), o.total(), o.balanceAfter(), o.fellBackToChannel(), r.insuranceDue);
            }
            r.future.complete(o);
        }
    }

    static PaymentOutcome outcome(AttemptRow a, PaymentOutcome.Result result) {
        List<PaymentLeg> legs = new ArrayList<>();
        if (result == PaymentOutcome.Result.PAID) {
            if (SETTLED.equals(a.insState)) {
                legs.add(new PaymentLeg(PaymentChannel.INSURANCE_ACCOUNT, Money.ofFen(a.insAccountFen), a.insSettleId));
            }
            if (PAID.equals(a.chState)) {
                legs.add(new PaymentLeg(PaymentChannel.valueOf(a.channel), Money.ofFen(a.chAmountFen), a.outTradeNo));
            }
        }
        FailureKind failure = result == PaymentOutcome.Result.PAID || a.failure == null ? null : FailureKind.valueOf(a.failure);
        if (result == PaymentOutcome.Result.FAILED && failure == null) {
            failure = FailureKind.INTERNAL;
        }
        return new PaymentOutcome(a.id, result, failure, a.platformCode, a.platformMessage, legs,
                Money.ofFen(a.totalFen), a.balanceAfterFen == null ? null : Money.ofFen(a.balanceAfterFen), a.fellBack);
    }

    public boolean hasUnresolved(String saleId) {
        return active.values().stream().anyMatch(r -> saleId.equals(r.row.saleId))
                || journal.openForSale(saleId).isPresent();
    }

    public int activeCount() {
        return active.size();
    }
}
