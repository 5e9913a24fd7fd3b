package org.medpay.gateway.sandbox.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.medpay.gateway.national.codec.JsonException;
import org.medpay.gateway.national.codec.Signatures;
import org.medpay.gateway.national.codec.Xml;

/** WeChat Pay v2 merchant API for payment codes: micropay, orderquery, reverse, refund, refundquery. */
final class WechatPlatform {

    private static final DateTimeFormatter TIME_END = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Ledger ledger;
    private final SimulatorSettings settings;

    WechatPlatform(Ledger ledger, SimulatorSettings settings) {
        this.ledger = ledger;
        this.settings = settings;
    }

    Answer handle(String path, String body, Instant now, Scenario forced) {
        ledger.count("wechat." + path);
        Map<String, String> req;
        try {
            req = Xml.parse(body);
        } catch (JsonException e) {
            return Answer.xml(Xml.write(Map.of("return_code", "FAIL", "return_msg", "XML格式错误")));
        }
        if (!Signatures.constantTimeEquals(req.get("sign"), Signatures.wechatSign(req, settings.wechatApiKey))) {
            return Answer.xml(Xml.write(Map.of("return_code", "FAIL", "return_msg", "签名错误")));
        }
        String outTradeNo = req.getOrDefault("out_trade_no", "");
        if (outTradeNo.isEmpty() || outTradeNo.length() > 32) {
            return Answer.xml(Xml.write(Map.of("return_code", "FAIL", "return_msg", "out_trade_no无效")));
        }
        synchronized (ledger) {
            Map<String, String> r = switch (path) {
            case "/pay/micropay" -> micropay(req, outTradeNo, now, forced);
            case "/pay/orderquery" -> query(outTradeNo, now);
            case "/secapi/pay/reverse" -> reverse(outTradeNo, now);
            case "/secapi/pay/refund" -> refund(req, outTradeNo, now);
            case "/pay/refundquery" -> refundQuery(outTradeNo);
            default -> fail("INVALID_REQUEST", "不支持的接口");
            };
            Scenario fault = forced;
            if (path.equals("/pay/micropay") && forced == null) {
                Scenario s = Scenario.of(req.get("auth_code"));
                fault = s.isFault() && r.containsKey("transaction_id") ? s : null;
            }
            if (fault == Scenario.SYSTEM_ERROR) {
                r = fail("SYSTEMERROR", "系统超时，请查询");
            }
            Answer a = Answer.xml(Xml.write(sign(r)));
            return fault == null ? a : a.withFault(fault);
        }
    }

    private Map<String, String> micropay(Map<String, String> req, String outTradeNo, Instant now, Scenario forced) {
        Ledger.Trade existing = ledger.trades.get(outTradeNo);
        if (existing != null) {
            existing.payCalls++;
            existing.refresh(now);
            return switch (existing.state) {
            case PAID -> fail("ORDERPAID", "订单已支付");
            case WAITING -> fail("USERPAYING", "需要用户输入支付密码");
            case REVOKED -> fail("ORDERREVERSED", "订单已撤销");
            default -> fail("ORDERCLOSED", "订单已关闭");
            };
        }
        String authCode = req.getOrDefault("auth_code", "");
        if (!authCode.matches("1[0-5]\\d{16}")) {
            return fail("AUTH_CODE_INVALID", "付款码无效，请重新扫码");
        }
        long amount;
        try {
            amount = Long.parseLong(req.get("total_fee"));
        } catch (RuntimeException e) {
            return fail("PARAM_ERROR", "total_fee无效");
        }
        Scenario s = forced != null ? forced : Scenario.of(authCode);
        if (s == Scenario.EXPIRED) {
            return fail("AUTHCODEEXPIRE", "二维码已过期，请用户在微信上刷新后再试");
        }
        Ledger.Trade t = new Ledger.Trade("WECHAT", outTradeNo, "4200" + String.format("%024d", ledger.nextSequence()),
                amount, now, Ledger.TradeState.WAITING);
        t.payCalls = 1;
        ledger.trades.put(outTradeNo, t);
        if (settings.wechatAutoRevokeSeconds > 0) {
            t.autoCloseAt = now.plusSeconds(settings.wechatAutoRevokeSeconds);
        }
        if (s == Scenario.DECLINED) {
            t.state = Ledger.TradeState.CLOSED;
            return fail("NOTENOUGH", "用户余额不足");
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
        if (t.state == Ledger.TradeState.WAITING) {
            return fail("USERPAYING", "需要用户输入支付密码");
        }
        return tradeFields(t);
    }

    private Map<String, String> query(String outTradeNo, Instant now) {
        Ledger.Trade t = ledger.trades.get(outTradeNo);
        if (t == null) {
            return fail("ORDERNOTEXIST", "此交易订单号不存在");
        }
        t.refresh(now);
        Map<String, String> r = tradeFields(t);
        r.put("trade_state", switch (t.state) {
        case WAITING -> "USERPAYING";
        case PAID -> t.refundedFen > 0 ? "REFUND" : "SUCCESS";
        case REVOKED -> "REVOKED";
        default -> "CLOSED";
        });
        return r;
    }

    private Map<String, String> reverse(String outTradeNo, Instant now) {
        Ledger.Trade t = ledger.trades.get(outTradeNo);
        if (t == null) {
            t = new Ledger.Trade("WECHAT", outTradeNo, "", 0, now, Ledger.TradeState.REVOKED);
            ledger.trades.put(outTradeNo, t);
            return ok(Map.of("recall", "N"));
        }
        if (now.isBefore(t.createdAt.plusSeconds(settings.wechatReverseMinSeconds))) {
            Map<String, String> r = fail("SYSTEMERROR", "请稍后再撤销");
            r.put("recall", "Y");
            return r;
        }
        t.refresh(now);
        if (t.state == Ledger.TradeState.PAID) {
            t.refunds.put("reverse", t.amountFen - t.refundedFen);
            t.refundMoves++;
            t.refundedFen = t.amountFen;
        }
        t.state = Ledger.TradeState.REVOKED;
        return ok(Map.of("recall", "N"));
    }

    private Map<String, String> refund(Map<String, String> req, String outTradeNo, Instant now) {
        Ledger.Trade t = ledger.trades.get(outTradeNo);
        if (t == null) {
            return fail("ORDERNOTEXIST", "此交易订单号不存在");
        }
        t.refresh(now);
        String refundNo = req.getOrDefault("out_refund_no", "");
        long total;
        long fee;
        try {
            total = Long.parseLong(req.get("total_fee"));
            fee = Long.parseLong(req.get("refund_fee"));
        } catch (RuntimeException e) {
            return fail("PARAM_ERROR", "金额无效");
        }
        if (total != t.amountFen) {
            return fail("INVALID_REQUEST", "订单金额与支付金额不符");
        }
        t.refundCalls.merge(refundNo, 1, Integer::sum);
        Long earlier = t.refunds.get(refundNo);
        if (earlier != null) {
            if (earlier != fee) {
                return fail("INVALID_REQUEST", "同一退款单号的退款金额不一致");
            }
            return refundFields(t, refundNo, fee);
        }
        if (!t.moneyIn() || t.state != Ledger.TradeState.PAID || fee <= 0) {
            return fail("TRADE_STATE_ERROR", "订单状态错误，不能退款");
        }
        if (t.refundedFen + fee > t.amountFen) {
            return fail("NOT_ENOUGH", "退款金额超过可退金额");
        }
        t.refunds.put(refundNo, fee);
        t.refundedFen += fee;
        t.refundMoves++;
        return refundFields(t, refundNo, fee);
    }

    private Map<String, String> refundQuery(String outTradeNo) {
        Ledger.Trade t = ledger.trades.get(outTradeNo);
        if (t == null || t.refunds.isEmpty()) {
            return fail("REFUNDNOTEXIST", "退款订单查询失败");
        }
        Map<String, String> r = ok(new LinkedHashMap<>());
        r.put("out_trade_no", outTradeNo);
        r.put("total_fee", Long.toString(t.amountFen));
        r.put("refund_fee", Long.toString(t.refundedFen));
        r.put("refund_count", Integer.toString(t.refunds.size()));
        return r;
    }

    private Map<String, String> refundFields(Ledger.Trade t, String refundNo, long fee) {
        Map<String, String> r = ok(new LinkedHashMap<>());
        r.put("transaction_id", t.tradeNo);
        r.put("out_trade_no", t.outTradeNo);
        r.put("out_refund_no", refundNo);
        r.put("refund_id", "50" + refundNo.hashCode());
        r.put("refund_fee", Long.toString(fee));
        r.put("total_fee", Long.toString(t.amountFen));
        return r;
    }

    private Map<String, String> tradeFields(Ledger.Trade t) {
        Map<String, String> r = ok(new LinkedHashMap<>());
        r.put("openid", "oSim" + Math.abs(t.outTradeNo.hashCode()));
        r.put("transaction_id", t.tradeNo);
        r.put("out_trade_no", t.outTradeNo);
        r.put("total_fee", Long.toString(t.amountFen));
        if (t.paidAt != null) {
            r.put("time_end", LocalDateTime.ofInstant(t.paidAt, NationalPlatform.ZONE).format(TIME_END));
        }
        return r;
    }

    private Map<String, String> ok(Map<String, String> extra) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("return_code", "SUCCESS");
        r.put("return_msg", "OK");
        r.put("result_code", "SUCCESS");
        r.putAll(extra);
        return r;
    }

    private Map<String, String> fail(String errCode, String des) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("return_code", "SUCCESS");
        r.put("return_msg", "OK");
        r.put("result_code", "FAIL");
        r.put("err_code", errCode);
        r.put("err_code_des", des);
        return r;
    }

    private Map<String, String> sign(Map<String, String> r) {
        Map<String, String> m = new LinkedHashMap<>(r);
        m.put("appid", "wxsandbox");
        m.put("mch_id", "1900000109");
        byte[] nonce = new byte[8];
        ThreadLocalRandom.current().nextBytes(nonce);
        m.put("nonce_str", HexFormat.of().formatHex(nonce));
        m.put("sign", Signatures.wechatSign(m, settings.wechatApiKey));
        return m;
    }
}
