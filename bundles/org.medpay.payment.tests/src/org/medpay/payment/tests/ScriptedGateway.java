package org.medpay.payment.tests;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.scan.ScannedCode;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.CancelResult;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.ChannelRefundRequest;
import org.medpay.gateway.api.ChannelResult;
import org.medpay.gateway.api.ChannelStatus;
import org.medpay.gateway.api.ChannelTradeRef;
import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.InsuranceCancel;
import org.medpay.gateway.api.InsuranceRequest;
import org.medpay.gateway.api.InsuranceSettlement;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.api.ReconciliationReport;
import org.medpay.gateway.api.RefundResult;
import org.medpay.gateway.api.RegionGateway;
import org.medpay.gateway.api.RegionPolicy;
import org.medpay.payment.internal.Journal;

/**
 * A test double for the unit tests of the state machine only: each call takes the next scripted answer
 * (or a default), records itself, and checks that the journal already holds the number it carries
 * (journal first). Integration tests use the real sandbox over HTTP instead.
 */
final class ScriptedGateway implements RegionGateway {

    interface Answer {
        Object get() throws GatewayException;
    }

    final String region;
    RegionPolicy policy = RegionPolicy.PROCEDURE_DEFAULT;
    final Clock clock;
    final Journal journal;
    final List<String> calls = new ArrayList<>();
    final List<Long> callTimes = new ArrayList<>();
    final List<String> journalViolations = new ArrayList<>();
    private final Map<String, Deque<Answer>> script = new HashMap<>();
    private final AtomicInteger msg = new AtomicInteger();

    ScriptedGateway(String region, Clock clock, Journal journal) {
        this.region = region;
        this.clock = clock;
        this.journal = journal;
    }

    ScriptedGateway then(String method, Answer answer) {
        script.computeIfAbsent(method, k -> new ArrayDeque<>()).add(answer);
        return this;
    }

    private synchronized Object next(String method, String detail, Answer fallback) throws GatewayException {
        calls.add(method + (detail == null ? "" : " " + detail));
        callTimes.add(clock.millis());
        Deque<Answer> q = script.get(method);
        Answer a = q == null || q.isEmpty() ? fallback : q.poll();
        return a.get();
    }

    synchronized List<String> methods() {
        return calls.stream().map(c -> c.split(" ")[0]).toList();
    }

    synchronized long count(String method) {
        return methods().stream().filter(method::equals).count();
    }

    static BuyerIdentity bound(long balanceFen, PaymentChannel wallet, String code) {
        return new BuyerIdentity(true, "P001", "01", "TOKEN", "张三", balanceFen < 0 ? null : Money.ofFen(balanceFen),
                wallet, code, "510100");
    }

    static ChannelResult result(String outTradeNo, ChannelStatus s, long fen) {
        return new ChannelResult(outTradeNo, s, s == ChannelStatus.PAID ? "T" + outTradeNo : null, Money.ofFen(fen),
                s == ChannelStatus.PAID ? Instant.EPOCH : null);
    }

    static InsuranceSettlement settlement(long total, long account, long cash, long balanceAfter) {
        return new InsuranceSettlement("S1", "V1", Money.ofFen(total), Money.ofFen(account), Money.ofFen(cash),
                Money.ZERO, Money.ofFen(balanceAfter));
    }

    static GatewayException.DefiniteFailure no(FailureReason r, String code) {
        return new GatewayException.DefiniteFailure(r, code, "平台: " + code);
    }

    static GatewayException.UnknownOutcome lost() {
        return new GatewayException.UnknownOutcome(GatewayException.UnknownCause.TIMEOUT, "read timed out", null);
    }

    private void journalled(String what, boolean present) {
        if (!present) {
            journalViolations.add(what + " left before it was journalled");
        }
    }

    @Override
    public String regionCode() {
        return region;
    }

    @Override
    public String displayName() {
        return "测试区 " + region;
    }

    @Override
    public boolean isTraining() {
        return true;
    }

    @Override
    public RegionPolicy policy() {
        return policy;
    }

    @Override
    public BuyerIdentity identify(ScannedCode code, OperatorRef operator) throws GatewayException {
        return (BuyerIdentity) next("identify", code.masked(), () -> bound(1_000_00, null, null));
    }

    @Override
    public String nextMessageId() {
        return "H51010000001" + "20261126" + String.format("%06d", msg.incrementAndGet()) + region;
    }

    @Override
    public InsuranceSettlement preSettle(InsuranceRequest request) throws GatewayException {
        return (InsuranceSettlement) next("preSettle", request.messageId(), () -> { throw new UnsupportedOperationException(); });
    }

    @Override
    public InsuranceSettlement settle(InsuranceRequest request) throws GatewayException {
        journalled("2102 " + request.messageId(),
                journal.all().stream().anyMatch(a -> request.messageId().equals(a.insMsgId)));
        long t = request.total().fen();
        return (InsuranceSettlement) next("settle", request.messageId(), () -> settlement(t, t, 0, 5000));
    }

    @Override
    public void cancelSettlement(InsuranceCancel request) throws GatewayException {
        next("cancelSettlement", request.settlementId(), () -> null);
    }

    @Override
    public void reverse(String originalMessageId, String originalTransactionCode, OperatorRef operator)
            throws GatewayException {
        next("reverse", originalMessageId + " " + originalTransactionCode, () -> null);
    }

    @Override
    public ChannelResult pay(ChannelPayRequest request) throws GatewayException {
        journalled("pay " + request.outTradeNo(), journal.find(request.outTradeNo()).isPresent());
        String no = request.outTradeNo();
        long fen = request.amount().fen();
        return (ChannelResult) next("pay", request.channel() + " " + no + " " + fen, () -> result(no, ChannelStatus.PAID, fen));
    }

    @Override
    public ChannelResult query(ChannelTradeRef trade) throws GatewayException {
        return (ChannelResult) next("query", trade.outTradeNo(), () -> result(trade.outTradeNo(), ChannelStatus.PAYING, 0));
    }

    @Override
    public CancelResult cancel(ChannelTradeRef trade) throws GatewayException {
        return (CancelResult) next("cancel", trade.outTradeNo(), () -> new CancelResult(true, false, "close"));
    }

    @Override
    public RefundResult refund(ChannelRefundRequest request) throws GatewayException {
        throw new UnsupportedOperationException();
    }

    @Override
    public ReconciliationReport reconcile(LocalDate day) throws GatewayException {
        throw new UnsupportedOperationException();
    }
}
