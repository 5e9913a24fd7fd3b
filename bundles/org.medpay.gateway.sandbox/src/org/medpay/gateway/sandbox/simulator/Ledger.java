package org.medpay.gateway.sandbox.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the simulated platforms booked. The fault-injection harness reads it (GET /sim/ledger) and
 * compares it with the till's journal, so it counts what matters: how often money moved per trade.
 * All access is synchronized on the ledger.
 */
public final class Ledger {

    public static final class Person {
        final String psnNo;
        final String certNo;
        final String name;
        long balanceFen;

        Person(String psnNo, String certNo, String name, long balanceFen) {
            this.psnNo = psnNo;
            this.certNo = certNo;
            this.name = name;
            this.balanceFen = balanceFen;
        }
    }

    public enum SettlementState {
        BOOKED, CANCELLED, REVERSED
    }

    public static final class Settlement {
        final String setlId;
        final String mdtrtId;
        final String msgid;
        final String psnNo;
        final long medfeeFen;
        final long acctPayFen;
        final long cashFen;
        final Instant bookedAt;
        SettlementState state = SettlementState.BOOKED;
        /** 2103 calls that cancelled this settlement (money back to the account): must never exceed 1. */
        int cancels;
        /** Every 2103 received for this settlement, effective or refused ("already cancelled"). */
        int cancelCalls;

        Settlement(String setlId, String mdtrtId, String msgid, String psnNo, long medfeeFen, long acctPayFen,
                long cashFen, Instant bookedAt) {
            this.setlId = setlId;
            this.mdtrtId = mdtrtId;
            this.msgid = msgid;
            this.psnNo = psnNo;
            this.medfeeFen = medfeeFen;
            this.acctPayFen = acctPayFen;
            this.cashFen = cashFen;
            this.bookedAt = bookedAt;
        }
    }

    public enum TradeState {
        /** Waiting for the buyer (Alipay WAIT_BUYER_PAY, WeChat USERPAYING). */
        WAITING, PAID, CLOSED, REVOKED
    }

    public static final class Trade {
        final String channel;
        final String outTradeNo;
        final String tradeNo;
        final long amountFen;
        final Instant createdAt;
        /** When a waiting buyer confirms; null = never. */
        Instant confirmAt;
        /**
         * When the platform itself gives up on an unpaid trade (WeChat revokes after about 45 s, Alipay
         * closes after {@code timeout_express}); null = never.
         */
        Instant autoCloseAt;
        Instant paidAt;
        TradeState state;
        int payCalls;
        /** How many times money moved from the buyer for this trade (must never exceed 1). */
        int charged;
        long refundedFen;
        /** Money sent back, per refund number (a number refunds at most once; cancel/reverse have their own key). */
        final Map<String, Long> refunds = new LinkedHashMap<>();
        /** How many times money went back to the buyer (refund, cancel, reverse): a refund request counts once. */
        int refundMoves;
        /** Refund calls received per refund number, repeats (retries) included. */
        final Map<String, Integer> refundCalls = new LinkedHashMap<>();

        Trade(String channel, String outTradeNo, String tradeNo, long amountFen, Instant createdAt, TradeState state) {
            this.channel = channel;
            this.outTradeNo = outTradeNo;
            this.tradeNo = tradeNo;
            this.amountFen = amountFen;
            this.createdAt = createdAt;
            this.state = state;
        }

        /** Lazily moves a waiting trade on when its buyer confirms. */
        void refresh(Instant now) {
            if (state != TradeState.WAITING) {
                return;
            }
            boolean confirmsInTime = confirmAt != null && (autoCloseAt == null || !confirmAt.isAfter(autoCloseAt));
            if (confirmsInTime && !now.isBefore(confirmAt)) {
                state = TradeState.PAID;
                paidAt = confirmAt;
                charged++;
            } else if (autoCloseAt != null && !now.isBefore(autoCloseAt)) {
                state = "WECHAT".equals(channel) ? TradeState.REVOKED : TradeState.CLOSED;
            }
        }

        boolean moneyIn() {
            return charged > 0;
        }
    }

    final Map<String, Person> persons = new LinkedHashMap<>();
    final Map<String, Settlement> settlements = new LinkedHashMap<>();
    final Map<String, Settlement> settlementByMsgid = new LinkedHashMap<>();
    final Set<String> usedMsgids = new HashSet<>();
    final Set<String> voidedMsgids = new HashSet<>();
    final Set<String> signNos = new HashSet<>();
    final Map<String, Trade> trades = new LinkedHashMap<>();
    final Map<String, Integer> calls = new TreeMap<>();
    int sequence;

    synchronized void count(String call) {
        calls.merge(call, 1, Integer::sum);
    }

    synchronized int nextSequence() {
        return ++sequence;
    }

    public synchronized int calls(String call) {
        return calls.getOrDefault(call, 0);
    }

    public synchronized void reset() {
        persons.clear();
        settlements.clear();
        settlementByMsgid.clear();
        usedMsgids.clear();
        voidedMsgids.clear();
        signNos.clear();
        trades.clear();
        calls.clear();
    }

    /** The admin view, JSON-ready. Amounts in fen. */
    public synchronized Map<String, Object> snapshot(Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> t = new LinkedHashMap<>();
        long chargedTotal = 0;
        long refundedTotal = 0;
        for (Trade tr : trades.values()) {
            tr.refresh(now);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", tr.channel);
            m.put("trade_no", tr.tradeNo);
            m.put("state", tr.state.name());
            m.put("amount_fen", tr.amountFen);
            m.put("pay_calls", tr.payCalls);
            m.put("charged", tr.charged);
            m.put("refunded_fen", tr.refundedFen);
            m.put("net_fen", tr.charged * tr.amountFen - tr.refundedFen);
            Map<String, Object> r = new LinkedHashMap<>();
            tr.refunds.forEach(r::put);
            m.put("refunds", r);
            m.put("refund_moves", tr.refundMoves);
            m.put("refund_calls", new LinkedHashMap<>(tr.refundCalls));
            t.put(tr.outTradeNo, m);
            chargedTotal += tr.charged * tr.amountFen;
            refundedTotal += tr.refundedFen;
        }
        out.put("trades", t);
        Map<String, Object> s = new LinkedHashMap<>();
        long acctTotal = 0;
        for (Settlement st : settlements.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("msgid", st.msgid);
            m.put("psn_no", st.psnNo);
            m.put("state", st.state.name());
            m.put("medfee_fen", st.medfeeFen);
            m.put("acct_pay_fen", st.acctPayFen);
            m.put("cash_fen", st.cashFen);
            m.put("cancels", st.cancels);
            m.put("cancel_calls", st.cancelCalls);
            s.put(st.setlId, m);
            if (st.state == SettlementState.BOOKED) {
                acctTotal += st.acctPayFen;
            }
        }
        out.put("settlements", s);
        Map<String, Object> p = new LinkedHashMap<>();
        for (Person pe : persons.values()) {
            p.put(pe.psnNo, Map.of("balance_fen", pe.balanceFen));
        }
        out.put("persons", p);
        out.put("voided_msgids", new ArrayList<>(voidedMsgids));
        out.put("calls", new LinkedHashMap<>(calls));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("channel_charged_fen", chargedTotal);
        totals.put("channel_refunded_fen", refundedTotal);
        totals.put("account_booked_fen", acctTotal);
        out.put("totals", totals);
        return out;
    }

    synchronized List<Settlement> settlementsList() {
        return new ArrayList<>(settlements.values());
    }
}
