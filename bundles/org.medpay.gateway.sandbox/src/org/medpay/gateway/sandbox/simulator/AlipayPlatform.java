package org.medpay.gateway.sandbox.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.medpay.gateway.national.codec.Json;
import org.medpay.gateway.national.codec.JsonException;
import org.medpay.gateway.national.codec.Signatures;

/** Alipay's open API gateway for barcode payments: trade.pay / query / cancel / refund. */
final class AlipayPlatform {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Ledger ledger;
    private final SimulatorSettings settings;

    AlipayPlatform(Ledger ledger, SimulatorSettings settings) {
        this.ledger = ledger;
        this.settings = settings;
    }

    Answer handle(String body, Instant now, Scenario forced) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String method = params.getOrDefault("method", "");
        ledger.count("alipay." + method);
        String node = method.replace('.', '_') + "_response";
        boolean signed;
        try {
            signed = Signatures.rsa2Verify(params, params.get("sign"),
                    Signatures.rsaPublicKey(settings.alipayAppPublicKey));
        } catch (IllegalArgumentException e) {
            signed = false;
        }
        if (!signed) {
            return answer("error_response", error("40002", "Invalid Arguments", "isv.invalid-signature", "验签出错"));
        }
        Map<String, Object> biz;
        try {
            biz = Json.parseObject(params.getOrDefault("biz_content", "{}"));
        } catch (JsonException e) {
            return answer(node, error("40002", "Invalid Arguments", "isv.invalid-parameter", "biz_content格式错误"));
        }
        String outTradeNo = Json.str(biz, "out_trade_no");
        if (outTradeNo == null || outTradeNo.isEmpty() || outTradeNo.length() > 64) {
            return answer(node, error("40002", "Invalid Arguments", "isv.missing-parameter", "缺少out_trade_no"));
        }
        synchronized (ledger) {
            Answer a = switch (method) {
            case "alipay.trade.pay" -> pay(node, biz, outTradeNo, now, forced);
            case "alipay.trade.query" -> query(node, outTradeNo, now);
            case "alipay.trade.cancel" -> cancel(node, outTradeNo, now);
            case "alipay.trade.refund" -> refund(node, biz, outTradeNo, now);
            default -> answer(node, error("40004", "Business Failed", "isv.invalid-method", "不支持的接口"));
            };
            if (forced != null && !"alipay.trade.pay".equals(method)) {
                return forced == Scenario.SYSTEM_ERROR ? systemError(node) : a.withFault(forced);
            }
            return a;
        }
    }

    private Answer pay(String node, Map<String, Object> biz, String outTradeNo, Instant now, Scenario forced) {
        if (!"bar_code".equals(Json.str(biz, "scene"))) {
            return answer(node, error("40004", "Business Failed", "ACQ.INVALID_PARAMETER", "scene必须为bar_code"));
        }
        String authCode = Json.str(biz, "auth_code");
        long amount;
        try {
            amount = NationalPlatform.fen(Json.str(biz, "total_amount"));
        } catch (RuntimeException e) {
            return answer(node, error("40002", "Invalid Arguments", "isv.invalid-parameter", "total_amount格式错误"));
        }
        Ledger.Trade existing = ledger.trades.get(outTradeNo);
        if (existing != null) {
            existing.payCalls++;
            existing.refresh(now);
            return switch (existing.state) {
            case PAID -> answer(node, error("40004", "Business Failed", "ACQ.TRADE_HAS_SUCCESS", "交易已被支付"));
            case WAITING -> answer(node, tradeFields(existing, "10003", "order success pay inprocess"));
            default -> answer(node, error("40004", "Business Failed", "ACQ.TRADE_HAS_CLOSE", "交易已经关闭"));
            };
        }
        if (authCode == null || !authCode.matches("(2[5-9]|30)\\d{14,22}")) {
            return answer(node, error("40004", "Business Failed", "ACQ.PAYMENT_AUTH_CODE_INVALID", "支付授权码无效"));
        }
        Scenario s = forced != null ? forced : Scenario.of(authCode);
        if (s == Scenario.EXPIRED) {
            return answer(node, error("40004", "Business Failed", "ACQ.PAYMENT_AUTH_CODE_INVALID", "付款码已过期，请刷新后重新扫码"));
        }
        Ledger.Trade t = new Ledger.Trade("ALIPAY", outTradeNo, "2026" + String.format("%020d", ledger.nextSequence()),
                amount, now, Ledger.TradeState.WAITING);
        t.payCalls = 1;
        ledger.trades.put(outTradeNo, t);
        t.autoCloseAt = timeoutExpress(Json.str(biz, "timeout_express"), now);
        if (s == Scenario.DECLINED) {
            t.state = Ledger.TradeState.CLOSED;
            return answer(node, error("40004", "Business Failed", "ACQ.BUYER_BALANCE_NOT_ENOUGH", "买家余额不足"));
        }
        if (s == Scenario.CONFIRM_LATER) {
            t.confirmAt = now.plusSeconds(Scenario.confirmSeconds(authCode, settings.confirmAfterSeconds));
        } else if (s == Scenario.NEVER_CONFIRMS) {
            t.confirmAt = null;
        } else if (amount > settings.passwordAboveFen) {
            t.confirmAt = now.plusSeconds(settings.confirmAfterSeconds);
        } else {
            t.confirmAt = now;
        }
        t.refresh(now);
        if (s == Scenario.SYSTEM_ERROR) {
            return systemError(node);
        }
        Answer a = answer(node, tradeFields(t, t.state == Ledger.TradeState.PAID ? "10000" : "10003",
                t.state == Ledger.TradeState.PAID ? "Success" : "order success pay inprocess"));
        return s.isFault() ? a.withFault(s) : a;
    }

    /** {@code timeout_express}: 1m-15d or 1c (end of day); absent or unreadable: no automatic close. */
    static Instant timeoutExpress(String value, Instant now) {
        if (value == null || value.length() < 2) {
            return null;
        }
        try {
            long n = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
            case 'm' -> now.plusSeconds(60 * n);
            case 'h' -> now.plusSeconds(3600 * n);
            case 'd' -> now.plusSeconds(86400 * n);
            case 'c' -> now.atZone(NationalPlatform.ZONE).toLocalDate().plusDays(1).atStartOfDay(NationalPlatform.ZONE)
                    .toInstant();
            default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Answer query(String node, String outTradeNo, Instant now) {
        Ledger.Trade t = ledger.trades.get(outTradeNo);
        if (t == null) {
            return answer(node, error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
        }
        t.refresh(now);
        Map<String, Object> m = tradeFields(t, "10000", "Success");
        m.put("trade_status", switch (t.state) {
        case WAITING -> "WAIT_BUYER_PAY";
        case PAID -> t.refundedFen >= t.amountFen ? "TRADE_CLOSED" : "TRADE_SUCCESS";
        default -> "TRADE_CLOSED";
        });
        return answer(node, m);
    }

    private Answer cancel(String node, String outTradeNo, Instant now) {
        Ledger.Trade t = ledger.trades.get(outTradeNo);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", "10000");
        m.put("msg", "Success");
        m.put("out_trade_no", outTradeNo);
        m.put("retry_flag", "N");
        if (t == null) {
            // Closing an order the platform never saw leaves a closed record: a late pay is refused.
            t = new Ledger.Trade("ALIPAY", outTradeNo, "", 0, now, Ledger.TradeState.CLOSED);
            ledger.trades.put(outTradeNo, t);
            m.put("action", "close");
            return answer(node, m);
        }
        t.refresh(now);
        if (t.state == Ledger.TradeState.PAID) {
            t.refundedFen = t.amountFen;
            t.refunds.put("cancel", t.amountFen);
            t.refundMoves++;
            m.put("action", "refund");
        } else {
            m.put("action", "close");
        }
        t.state = Ledger.TradeState.CLOSED;
        m.put("trade_no", t.tradeNo);
        return answer(node, m);
    }

    private Answer refund(String node, Map<String, Object> biz, String outTradeNo, Instant now) {
        Ledger.Trade t = ledger.trades.get(outTradeNo);
        if (t == null) {
            return answer(node, error("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
        }
        t.refresh(now);
        String requestNo = Json.str(biz, "out_request_no");
        if (requestNo == null || requestNo.isEmpty()) {
            requestNo = outTradeNo;
        }
        long amount;
        try {
            amount = NationalPlatform.fen(Json.str(biz, "refund_amount"));
        } catch (RuntimeException e) {
            return answer(node, error("40002", "Invalid Arguments", "isv.invalid-parameter", "refund_amount格式错误"));
        }
        Map<String, Object> m = tradeFields(t, "10000", "Success");
        t.refundCalls.merge(requestNo, 1, Integer::sum);
        Long earlier = t.refunds.get(requestNo);
        if (earlier != null) {
            if (earlier != amount) {
                return answer(node, error("40004", "Business Failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
                        "同一退款请求号的退款金额不一致"));
            }
            m.put("fund_change", "N");
            m.put("refund_fee", NationalPlatform.yuan(t.refundedFen));
            return answer(node, m);
        }
        if (!t.moneyIn() || amount <= 0) {
            return answer(node, error("40004", "Business Failed", "ACQ.TRADE_NOT_ALLOW_REFUND", "当前交易不允许退款"));
        }
        if (t.refundedFen + amount > t.amountFen) {
            return answer(node, error("40004", "Business Failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"));
        }
        t.refunds.put(requestNo, amount);
        t.refundedFen += amount;
        t.refundMoves++;
        m.put("fund_change", "Y");
        m.put("refund_fee", NationalPlatform.yuan(t.refundedFen));
        return answer(node, m);
    }

    private Map<String, Object> tradeFields(Ledger.Trade t, String code, String msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("msg", msg);
        m.put("trade_no", t.tradeNo);
        m.put("out_trade_no", t.outTradeNo);
        m.put("buyer_logon_id", "sim***@example.com");
        m.put("total_amount", NationalPlatform.yuan(t.amountFen));
        if (t.paidAt != null) {
            m.put("gmt_payment", LocalDateTime.ofInstant(t.paidAt, NationalPlatform.ZONE).format(TS));
        }
        return m;
    }

    private static Map<String, Object> error(String code, String msg, String subCode, String subMsg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("msg", msg);
        m.put("sub_code", subCode);
        m.put("sub_msg", subMsg);
        return m;
    }

    private Answer systemError(String node) {
        return answer(node, error("20000", "Service Currently Unavailable", "isp.unknow-error", "系统繁忙"));
    }

    /** Signs the raw node text as Alipay does (with the sandbox's platform key). */
    private static Answer answer(String node, Map<String, Object> content) {
        String raw = Json.write(content);
        String sign = Signatures.rsa2SignText(raw, PLATFORM_KEY);
        return Answer.json("{\"" + node + "\":" + raw + ",\"sign\":\"" + sign + "\"}");
    }

    private static final java.security.PrivateKey PLATFORM_KEY = Signatures
            .rsaPrivateKey(SandboxKeys.ALIPAY_PLATFORM_PRIVATE_KEY);
}
