package org.medpay.gateway.national.wallet;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.medpay.core.money.Money;
import org.medpay.gateway.api.CancelResult;
import org.medpay.gateway.api.ChannelPayRequest;
import org.medpay.gateway.api.ChannelRefundRequest;
import org.medpay.gateway.api.ChannelResult;
import org.medpay.gateway.api.ChannelStatus;
import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.GatewayException.UnknownCause;
import org.medpay.gateway.api.RefundResult;
import org.medpay.gateway.national.NationalConfig;
import org.medpay.gateway.national.codec.JsonException;
import org.medpay.gateway.national.codec.Signatures;
import org.medpay.gateway.national.codec.Xml;
import org.medpay.gateway.national.http.GatewayHttp;

/**
 * WeChat Pay v2 payment-code API: {@code micropay}, {@code orderquery}, {@code reverse}, {@code refund}
 * (+ {@code refundquery} for the refunded total); HMAC-SHA256-signed XML both ways. An answer whose
 * signature does not verify is treated as unreadable (unknown outcome), never believed.
 */
public final class WechatClient {

    private static final DateTimeFormatter TIME_END = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final WechatConfig config;
    private final GatewayHttp http;
    private final Clock clock;

    public WechatClient(WechatConfig config, GatewayHttp http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
        http.checkEndpoint(config.base());
    }

    public ChannelResult pay(ChannelPayRequest request) throws GatewayException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("body", request.subject() == null || request.subject().isBlank() ? "药品" : request.subject());
        p.put("out_trade_no", request.outTradeNo());
        p.put("total_fee", Long.toString(request.amount().fen()));
        p.put("spbill_create_ip", "127.0.0.1");
        p.put("auth_code", request.authCode());
        Map<String, String> r = call("/pay/micropay", p);
        if ("SUCCESS".equals(r.get("result_code"))) {
            return result(r, request.outTradeNo(), ChannelStatus.PAID, request.amount());
        }
        if ("USERPAYING".equals(r.get("err_code"))) {
            return new ChannelResult(request.outTradeNo(), ChannelStatus.PAYING, null, request.amount(), null);
        }
        throw failure(r);
    }

    public ChannelResult query(String outTradeNo) throws GatewayException {
        Map<String, String> r = call("/pay/orderquery", Map.of("out_trade_no", outTradeNo));
        if (!"SUCCESS".equals(r.get("result_code"))) {
            if ("ORDERNOTEXIST".equals(r.get("err_code"))) {
                return new ChannelResult(outTradeNo, ChannelStatus.NOT_PAID, null, null, null);
            }
            throw failure(r);
        }
        String state = r.getOrDefault("trade_state", "");
        ChannelStatus s = switch (state) {
        case "SUCCESS" -> ChannelStatus.PAID;
        // WeChat says REFUND as soon as any refund exists, partial ones included.
        case "REFUND" -> ChannelStatus.REFUNDED;
        case "USERPAYING" -> ChannelStatus.PAYING;
        case "NOTPAY", "CLOSED", "REVOKED", "PAYERROR" -> ChannelStatus.NOT_PAID;
        default -> throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE,
                "unknown trade_state " + state, null);
        };
        return result(r, outTradeNo, s, null);
    }

    public CancelResult cancel(String outTradeNo) throws GatewayException {
        Map<String, String> r = call("/secapi/pay/reverse", Map.of("out_trade_no", outTradeNo));
        boolean recall = "Y".equalsIgnoreCase(r.get("recall"));
        if ("SUCCESS".equals(r.get("result_code"))) {
            return new CancelResult(true, false, "reverse");
        }
        if (recall) {
            return new CancelResult(false, true, "");
        }
        throw failure(r);
    }

    public RefundResult refund(ChannelRefundRequest request, Money paidTotal) throws GatewayException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("out_trade_no", request.outTradeNo());
        p.put("out_refund_no", request.outRequestNo());
        p.put("total_fee", Long.toString(paidTotal.fen()));
        p.put("refund_fee", Long.toString(request.amount().fen()));
        if (request.reason() != null) {
            p.put("refund_desc", request.reason());
        }
        Map<String, String> r = call("/secapi/pay/refund", p);
        if (!"SUCCESS".equals(r.get("result_code"))) {
            throw failure(r);
        }
        Map<String, String> q = call("/pay/refundquery", Map.of("out_trade_no", request.outTradeNo()));
        if (!"SUCCESS".equals(q.get("result_code"))) {
            throw failure(q);
        }
        return new RefundResult(request.outTradeNo(), request.outRequestNo(), request.amount(),
                fen(q, "refund_fee"));
    }

    private ChannelResult result(Map<String, String> r, String outTradeNo, ChannelStatus s, Money fallback)
            throws GatewayException {
        Money amount = r.containsKey("total_fee") ? fen(r, "total_fee") : fallback;
        Instant paidAt = null;
        String end = r.get("time_end");
        if (end != null && !end.isEmpty()) {
            try {
                paidAt = LocalDateTime.parse(end, TIME_END).atZone(NationalConfig.CHINA).toInstant();
            } catch (RuntimeException e) {
                paidAt = null;
            }
        }
        return new ChannelResult(outTradeNo, s, r.get("transaction_id"), amount, paidAt);
    }

    private static Money fen(Map<String, String> r, String field) throws GatewayException {
        try {
            return Money.ofFen(Long.parseLong(r.get(field)));
        } catch (RuntimeException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, "bad " + field, e);
        }
    }

    static GatewayException failure(Map<String, String> r) {
        String code = r.getOrDefault("err_code", "");
        String msg = r.getOrDefault("err_code_des", r.getOrDefault("return_msg", ""));
        FailureReason reason = switch (code) {
        case "SYSTEMERROR", "BANKERROR", "TRADE_ERROR_UNKNOWN" -> null;
        case "AUTHCODEEXPIRE" -> FailureReason.CODE_EXPIRED;
        case "AUTH_CODE_INVALID", "AUTH_CODE_ERROR" -> FailureReason.CODE_INVALID;
        case "NOTENOUGH", "NOTSUPORTCARD", "BUYER_MISMATCH" -> FailureReason.PAYMENT_DECLINED;
        case "ORDERPAID" -> FailureReason.TRADE_ALREADY_PAID;
        case "ORDERCLOSED", "ORDERREVERSED" -> FailureReason.TRADE_CLOSED;
        case "ORDERNOTEXIST" -> FailureReason.TRADE_NOT_FOUND;
        case "REFUND_FEE_INVALID", "REFUND_FEE_MISMATCH", "NOT_ENOUGH" -> FailureReason.REFUND_NOT_ALLOWED;
        default -> FailureReason.REJECTED;
        };
        if (reason == null) {
            return new GatewayException.UnknownOutcome(UnknownCause.PLATFORM_SYSTEM_ERROR, "WeChat " + code + " " + msg,
                    null);
        }
        return new GatewayException.DefiniteFailure(reason, code, msg);
    }

    private Map<String, String> call(String path, Map<String, String> fields) throws GatewayException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("appid", config.appId());
        p.put("mch_id", config.mchId());
        byte[] nonce = new byte[12];
        ThreadLocalRandom.current().nextBytes(nonce);
        p.put("nonce_str", HexFormat.of().formatHex(nonce));
        p.put("sign_type", "HMAC-SHA256");
        p.putAll(fields);
        p.put("sign", Signatures.wechatSign(p, config.apiKey()));
        String base = config.base().toString();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        GatewayHttp.Reply reply = http.post(uri, "text/xml;charset=utf-8", Xml.write(p), Map.of());
        Map<String, String> r;
        try {
            r = Xml.parse(reply.body());
        } catch (JsonException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE,
                    path + ": unreadable answer (" + e.getMessage() + ")", e);
        }
        if (!"SUCCESS".equals(r.get("return_code"))) {
            // Communication-level refusal (bad signature, bad parameter): nothing was processed.
            throw new GatewayException.DefiniteFailure(FailureReason.REJECTED, r.getOrDefault("return_code", "FAIL"),
                    r.getOrDefault("return_msg", ""));
        }
        String sign = r.get("sign");
        if (!Signatures.constantTimeEquals(sign, Signatures.wechatSign(r, config.apiKey()))) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE,
                    path + ": answer signature does not verify", null);
        }
        return r;
    }
}
