package org.medpay.gateway.sandbox.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.medpay.gateway.national.codec.Json;
import org.medpay.gateway.national.codec.JsonException;
import org.medpay.gateway.national.codec.Signatures;

/** The regional platform's national-protocol endpoint: 9001, 1101, 2101, 2102, 2103, 2601, 3202. */
final class NationalPlatform {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Pattern MSGID = Pattern.compile("[A-Za-z0-9]{12}\\d{14}\\d{4}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Ledger ledger;
    private final SimulatorSettings settings;

    NationalPlatform(Ledger ledger, SimulatorSettings settings) {
        this.ledger = ledger;
        this.settings = settings;
    }

    Answer handle(String body, Map<String, String> headers, Instant now, Scenario forced) {
        Map<String, Object> env;
        try {
            env = Json.parseObject(body);
        } catch (JsonException e) {
            return fail(null, "报文格式错误: " + e.getMessage());
        }
        String msgid = Json.str(env, "msgid");
        String infno = Json.str(env, "infno");
        ledger.count("national." + infno);
        String ts = headers.getOrDefault("x-tif-timestamp", "");
        String nonce = headers.getOrDefault("x-tif-nonce", "");
        if (!Signatures.constantTimeEquals(headers.get("x-tif-signature"),
                Signatures.nationalSign(settings.nationalSigningKey, ts, nonce, body))) {
            return fail(msgid, "签名校验失败");
        }
        String fixmedins = Json.str(env, "fixmedins_code");
        if (msgid == null || !MSGID.matcher(msgid).matches() || fixmedins == null || !msgid.startsWith(fixmedins)) {
            return fail(msgid, "msgid格式错误: 应为机构编码(12位)+yyyyMMddHHmmss+4位序号");
        }
        if (!"V1.0".equals(Json.str(env, "infver"))) {
            return fail(msgid, "接口版本号错误");
        }
        Map<String, Object> input;
        Map<String, Object> data;
        try {
            input = Json.obj(env, "input");
            data = Json.obj(input, "data");
        } catch (JsonException e) {
            return fail(msgid, "input格式错误");
        }
        synchronized (ledger) {
            if (ledger.voidedMsgids.contains(msgid)) {
                return fail(msgid, "该报文已冲正");
            }
            if (ledger.usedMsgids.contains(msgid)) {
                return fail(msgid, "报文ID重复");
            }
            if (!"9001".equals(infno) && !ledger.signNos.contains(Json.str(env, "sign_no"))) {
                return fail(msgid, "未签到或签到已失效，请重新签到");
            }
            Answer a;
            try {
                a = switch (infno == null ? "" : infno) {
                case "9001" -> signIn(msgid, now);
                case "1101" -> personInfo(msgid, data);
                case "2101" -> settle(msgid, input, data, now, false, null);
                case "2102" -> settle(msgid, input, data, now, true, forced);
                case "2103" -> cancel(msgid, data);
                case "2601" -> reverse(msgid, data);
                case "3202" -> reconcile(msgid, data);
                default -> fail(msgid, "不支持的交易编号 " + infno);
                };
            } catch (RuntimeException e) {
                return fail(msgid, "参数错误: " + e.getMessage());
            }
            return forced != null && !"2102".equals(infno) ? applyForced(a, msgid, forced) : a;
        }
    }

    private Answer applyForced(Answer a, String msgid, Scenario forced) {
        if (forced == Scenario.SYSTEM_ERROR) {
            return new Answer(500, "text/plain", "Internal Server Error", null);
        }
        return a.withFault(forced);
    }

    private Answer signIn(String msgid, Instant now) {
        ledger.usedMsgids.add(msgid);
        String signNo = "SN" + LocalDate.ofInstant(now, ZONE).toString().replace("-", "") + ledger.nextSequence();
        ledger.signNos.add(signNo);
        Map<String, Object> out = Map.of("signinoutb",
                Map.of("sign_time", LocalDateTime.ofInstant(now, ZONE).format(TIME), "sign_no", signNo));
        return ok(msgid, out, now);
    }

    private Ledger.Person person(String certNo) {
        Scenario s = Scenario.of(certNo);
        for (Ledger.Person p : ledger.persons.values()) {
            if (p.certNo.equals(certNo)) {
                return p;
            }
        }
        String psnNo = "51" + String.format("%014d", Math.floorMod((long) certNo.hashCode(), 100_000_000_000_000L));
        Ledger.Person p = new Ledger.Person(psnNo, certNo, "沙箱参保人" + certNo.substring(Math.max(0, certNo.length() - 2)),
                s == Scenario.BALANCE_SHORT ? settings.poorBalanceFen : settings.richBalanceFen);
        ledger.persons.put(psnNo, p);
        return p;
    }

    private Answer personInfo(String msgid, Map<String, Object> data) {
        String certNo = Json.str(data, "mdtrt_cert_no");
        if (certNo == null || certNo.isEmpty()) {
            return fail(msgid, "就诊凭证编号不能为空");
        }
        Scenario s = Scenario.of(certNo);
        if (s == Scenario.UNBOUND) {
            return fail(msgid, "未查询到人员信息(未绑定医保电子凭证)");
        }
        if (s == Scenario.EXPIRED) {
            return fail(msgid, "电子凭证已过期，请刷新后重新出示");
        }
        ledger.usedMsgids.add(msgid);
        Ledger.Person p = person(certNo);
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("psn_no", p.psnNo);
        base.put("psn_cert_type", "01");
        base.put("certno", "");
        base.put("psn_name", p.name);
        Map<String, Object> ins = new LinkedHashMap<>();
        ins.put("balc", yuan(p.balanceFen));
        ins.put("insutype", "310");
        ins.put("psn_type", "11");
        ins.put("insuplc_admdvs", "999999");
        return ok(msgid, Map.of("baseinfo", base, "insuinfo", List.of(ins)), null);
    }

    private Answer settle(String msgid, Map<String, Object> input, Map<String, Object> data, Instant now, boolean book,
            Scenario forced) {
        String psnNo = Json.str(data, "psn_no");
        Ledger.Person p = psnNo == null ? null : ledger.persons.get(psnNo);
        if (p == null) {
            return fail(msgid, "人员编号不存在");
        }
        String certNo = Json.str(data, "mdtrt_cert_no");
        Scenario s = Scenario.of(certNo);
        if (s == Scenario.EXPIRED) {
            return fail(msgid, "电子凭证已过期，请刷新后重新出示");
        }
        if (!"41".equals(Json.str(data, "med_type"))) {
            return fail(msgid, "医疗类别错误: 定点药店购药应为41");
        }
        long medfee = fen(Json.str(data, "medfee_sumamt"));
        long detailSum = 0;
        try {
            for (Object o : Json.list(input, "drugdetail")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> d = (Map<String, Object>) o;
                detailSum += fen(Json.str(d, "det_item_fee_sumamt"));
            }
        } catch (JsonException | ClassCastException e) {
            return fail(msgid, "费用明细格式错误");
        }
        if (detailSum != medfee) {
            return fail(msgid, "费用明细合计与医疗费总额不符");
        }
        boolean useAccount = "1".equals(Json.str(data, "acct_used_flag"));
        long acct = 0;
        if (useAccount) {
            if (p.balanceFen < medfee && !settings.splitAccountPay) {
                return fail(msgid, "个人账户余额不足");
            }
            acct = Math.min(p.balanceFen, medfee);
        }
        long cash = medfee - acct;
        Scenario fault = forced != null ? forced : (s.isFault() ? s : null);
        String setlId;
        String mdtrtId;
        long balanceAfter;
        if (book) {
            ledger.usedMsgids.add(msgid);
            int seq = ledger.nextSequence();
            setlId = "SETL" + String.format("%08d", seq);
            mdtrtId = "MDTRT" + String.format("%08d", seq);
            p.balanceFen -= acct;
            balanceAfter = p.balanceFen;
            Ledger.Settlement st = new Ledger.Settlement(setlId, mdtrtId, msgid, psnNo, medfee, acct, cash, now);
            ledger.settlements.put(setlId, st);
            ledger.settlementByMsgid.put(msgid, st);
        } else {
            setlId = "";
            mdtrtId = "";
            balanceAfter = p.balanceFen - acct;
        }
        Map<String, Object> setl = new LinkedHashMap<>();
        setl.put("setl_id", setlId);
        setl.put("mdtrt_id", mdtrtId);
        setl.put("psn_no", psnNo);
        setl.put("medfee_sumamt", yuan(medfee));
        setl.put("fulamt_ownpay_amt", yuan(0));
        setl.put("acct_pay", yuan(acct));
        setl.put("psn_cash_pay", yuan(cash));
        setl.put("fund_pay_sumamt", yuan(0));
        setl.put("balc", yuan(balanceAfter));
        Answer a = ok(msgid, Map.of("setlinfo", setl), now);
        if (fault == Scenario.SYSTEM_ERROR) {
            return new Answer(500, "text/plain", "Internal Server Error", null);
        }
        return fault == null ? a : a.withFault(fault);
    }

    private Answer cancel(String msgid, Map<String, Object> data) {
        Ledger.Settlement st = ledger.settlements.get(Json.str(data, "setl_id"));
        if (st == null) {
            return fail(msgid, "结算信息不存在");
        }
        if (!st.psnNo.equals(Json.str(data, "psn_no"))) {
            return fail(msgid, "人员编号与结算信息不符");
        }
        st.cancelCalls++;
        if (st.state != Ledger.SettlementState.BOOKED) {
            return fail(msgid, "该结算已撤销");
        }
        ledger.usedMsgids.add(msgid);
        st.state = Ledger.SettlementState.CANCELLED;
        st.cancels++;
        Ledger.Person p = ledger.persons.get(st.psnNo);
        p.balanceFen += st.acctPayFen;
        Map<String, Object> setl = new LinkedHashMap<>();
        setl.put("setl_id", st.setlId);
        setl.put("acct_pay", yuan(-st.acctPayFen));
        setl.put("balc", yuan(p.balanceFen));
        return ok(msgid, Map.of("setlinfo", setl), null);
    }

    /** 2601: voids the original msgid whether or not it took effect, so a late original is refused too. */
    private Answer reverse(String msgid, Map<String, Object> data) {
        String omsgid = Json.str(data, "omsgid");
        if (omsgid == null || omsgid.isEmpty()) {
            return fail(msgid, "原报文ID不能为空");
        }
        ledger.usedMsgids.add(msgid);
        ledger.voidedMsgids.add(omsgid);
        Ledger.Settlement st = ledger.settlementByMsgid.get(omsgid);
        if (st != null && st.state == Ledger.SettlementState.BOOKED) {
            st.state = Ledger.SettlementState.REVERSED;
            ledger.persons.get(st.psnNo).balanceFen += st.acctPayFen;
        }
        return ok(msgid, Map.of(), null);
    }

    private Answer reconcile(String msgid, Map<String, Object> data) {
        LocalDate from = LocalDate.parse(Json.str(data, "stmt_begndate"));
        LocalDate to = LocalDate.parse(Json.str(data, "stmt_enddate"));
        ledger.usedMsgids.add(msgid);
        List<Object> lines = new ArrayList<>();
        for (Ledger.Settlement st : ledger.settlementsList()) {
            LocalDate d = LocalDate.ofInstant(st.bookedAt, ZONE);
            if (d.isBefore(from) || d.isAfter(to)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setl_id", st.setlId);
            m.put("medfee_sumamt", yuan(st.medfeeFen));
            m.put("acct_pay", yuan(st.acctPayFen));
            m.put("refd_setl_flag", st.state == Ledger.SettlementState.BOOKED ? "0" : "1");
            lines.add(m);
        }
        return ok(msgid, Map.of("setlinfo", lines), null);
    }

    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    static long fen(String yuan) {
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    private Answer ok(String msgid, Map<String, Object> output, Instant now) {
        return Answer.json(Json.write(envelope("0", msgid, "", output)));
    }

    private Answer fail(String msgid, String errMsg) {
        return Answer.json(Json.write(envelope("-1", msgid, errMsg, Map.of())));
    }

    private Map<String, Object> envelope(String infcode, String msgid, String errMsg, Map<String, Object> output) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("infcode", new BigDecimal(infcode));
        env.put("inf_refmsgid", "999999" + (msgid == null ? "" : msgid));
        String t = LocalDateTime.now(ZONE).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS"));
        env.put("refmsg_time", t);
        env.put("respond_time", t);
        env.put("err_msg", errMsg);
        env.put("output", output);
        return env;
    }
}
