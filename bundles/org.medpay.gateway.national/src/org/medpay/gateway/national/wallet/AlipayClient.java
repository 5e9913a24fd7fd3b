package org.medpay.gateway.national.wallet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

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
import org.medpay.gateway.national.codec.Json;
import org.medpay.gateway.national.codec.JsonException;
import org.medpay.gateway.national.codec.Signatures;
import org.medpay.gateway.national.http.GatewayHttp;

/**
 * Alipay face-to-face barcode payment: {@code alipay.trade.pay} (scene {@code bar_code}), {@code query},
 * {@code cancel}, {@code refund}; RSA2-signed form posts, JSON answers.
 *
 * <p>Answer mapping: 10000 success; 10003 the buyer still confirms (PAYING, not an error); 20000 system
 * error ⇒ unknown outcome; 40004 ⇒ definite failure by {@code sub_code}. With the platform's public key
 * configured, an answer whose signature does not verify is not believed (unknown outcome).
 */
public final class AlipayClient {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AlipayConfig config;
    private final GatewayHttp http;
    private final Clock clock;
    private final PrivateKey key;
    private final java.security.PublicKey platformKey;

    public AlipayClient(AlipayConfig config, GatewayHttp http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
        this.key = Signatures.rsaPrivateKey(config.privateKeyPkcs8());
        this.platformKey = config.platformPublicKey() == null || config.platformPublicKey().isBlank() ? null
                : Signatures.rsaPublicKey(config.platformPublicKey());
        http.checkEndpoint(config.gateway());
    }

    public ChannelResult pay(ChannelPayRequest request) throws GatewayException {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", request.outTradeNo());
        biz.put("scene", "bar_code");
        biz.put("auth_code", request.authCode());
        biz.put("subject", request.subject() == null || request.subject().isBlank() ? "药品" : request.subject());
        biz.put("total_amount", request.amount().toYuanString());
        biz.put("store_id", config.storeId());
        biz.put("terminal_id", config.terminalId());
        if (request.operator() != null) {
            biz.put("operator_id", request.operator().code());
        }
        biz.put("timeout_express", "2m");
        Map<String, Object> r = call("alipay.trade.pay", biz);
        String code = Json.str(r, "code");
        switch (code == null ? "" : code) {
        case "10000":
            return result(r, request.outTradeNo(), ChannelStatus.PAID, request.amount());
        case "10003":
            return result(r, request.outTradeNo(), ChannelStatus.PAYING, request.amount());
        default:
            throw failure(r, code);
        }
    }

    public ChannelResult query(String outTradeNo) throws GatewayException {
        Map<String, Object> r = call("alipay.trade.query", Map.of("out_trade_no", outTradeNo));
        String code = Json.str(r, "code");
        if ("40004".equals(code) && "ACQ.TRADE_NOT_EXIST".equals(Json.str(r, "sub_code"))) {
            // The platform never saw the trade: not paid, and cancel() makes sure it never will be.
            return new ChannelResult(outTradeNo, ChannelStatus.NOT_PAID, null, null, null);
        }
        if (!"10000".equals(code)) {
            throw failure(r, code);
        }
        String status = Json.str(r, "trade_status");
        ChannelStatus s = switch (status == null ? "" : status) {
        case "TRADE_SUCCESS", "TRADE_FINISHED" -> ChannelStatus.PAID;
        case "WAIT_BUYER_PAY" -> ChannelStatus.PAYING;
        case "TRADE_CLOSED" -> ChannelStatus.NOT_PAID;
        default -> throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE,
                "unknown trade_status " + status, null);
        };
        return result(r, outTradeNo, s, null);
    }

    public CancelResult cancel(String outTradeNo) throws GatewayException {
        Map<String, Object> r = call("alipay.trade.cancel", Map.of("out_trade_no", outTradeNo));
        String code = Json.str(r, "code");
        if (!"10000".equals(code)) {
            throw failure(r, code);
        }
        boolean retry = "Y".equalsIgnoreCase(Json.str(r, "retry_flag"));
        String action = Json.str(r, "action");
        return new CancelResult(!retry, retry, action == null ? "" : action);
    }

    public RefundResult refund(ChannelRefundRequest request) throws GatewayException {
        Map<String, Object> biz = new LinkedHashMap<>();
        biz.put("out_trade_no", request.outTradeNo());
        biz.put("refund_amount", request.amount().toYuanString());
        biz.put("out_request_no", request.outRequestNo());
        if (request.reason() != null) {
            biz.put("refund_reason", request.reason());
        }
        Map<String, Object> r = call("alipay.trade.refund", biz);
        String code = Json.str(r, "code");
        if (!"10000".equals(code)) {
            throw failure(r, code);
        }
        return new RefundResult(request.outTradeNo(), request.outRequestNo(), request.amount(),
                yuan(r, "refund_fee"));
    }

    private ChannelResult result(Map<String, Object> r, String outTradeNo, ChannelStatus s, Money fallback)
            throws GatewayException {
        String amount = Json.str(r, "total_amount");
        Money m = amount == null ? fallback : yuan(r, "total_amount");
        Instant paidAt = null;
        String gmt = Json.str(r, "gmt_payment");
        if (s == ChannelStatus.PAID && gmt == null) {
            gmt = Json.str(r, "send_pay_date");
        }
        if (s == ChannelStatus.PAID && gmt != null) {
            try {
                paidAt = LocalDateTime.parse(gmt, TS).atZone(NationalConfig.CHINA).toInstant();
            } catch (RuntimeException e) {
                paidAt = null; // an odd time stamp does not make the payment less paid
            }
        }
        return new ChannelResult(outTradeNo, s, Json.str(r, "trade_no"), m, paidAt);
    }

    private static Money yuan(Map<String, Object> r, String field) throws GatewayException {
        try {
            return Money.parseYuan(Json.str(r, field));
        } catch (IllegalArgumentException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, "bad " + field, e);
        }
    }

    static GatewayException failure(Map<String, Object> r, String code) {
        String sub = Json.str(r, "sub_code");
        String msg = Json.str(r, "sub_msg");
        if (msg == null) {
            msg = Json.str(r, "msg");
        }
        if (code == null) {
            return new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, "answer without code", null);
        }
        if ("20000".equals(code) || "ACQ.SYSTEM_ERROR".equals(sub)) {
            return new GatewayException.UnknownOutcome(UnknownCause.PLATFORM_SYSTEM_ERROR,
                    "Alipay " + code + " " + sub + " " + msg, null);
        }
        if (!code.startsWith("4")) {
            return new GatewayException.UnknownOutcome(UnknownCause.PLATFORM_SYSTEM_ERROR, "Alipay code " + code, null);
        }
        FailureReason reason = switch (sub == null ? "" : sub) {
        case "ACQ.PAYMENT_AUTH_CODE_INVALID" -> FailureReason.CODE_EXPIRED;
        case "ACQ.TRADE_HAS_SUCCESS" -> FailureReason.TRADE_ALREADY_PAID;
        case "ACQ.TRADE_HAS_CLOSE", "ACQ.TRADE_STATUS_ERROR" -> FailureReason.TRADE_CLOSED;
        case "ACQ.TRADE_NOT_EXIST" -> FailureReason.TRADE_NOT_FOUND;
        case "ACQ.BUYER_BALANCE_NOT_ENOUGH", "ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH", "ACQ.PAYMENT_FAIL",
                "ACQ.PAYMENT_REQUEST_HAS_RISK" -> FailureReason.PAYMENT_DECLINED;
        case "ACQ.TRADE_NOT_ALLOW_REFUND", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "ACQ.SELLER_BALANCE_NOT_ENOUGH",
                "ACQ.REFUND_FEE_ERROR" -> FailureReason.REFUND_NOT_ALLOWED;
        default -> FailureReason.REJECTED;
        };
        return new GatewayException.DefiniteFailure(reason, sub == null ? code : sub, msg);
    }

    private Map<String, Object> call(String method, Map<String, Object> biz) throws GatewayException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", config.appId());
        params.put("method", method);
        params.put("format", "JSON");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", LocalDateTime.now(clock.withZone(NationalConfig.CHINA)).format(TS));
        params.put("version", "1.0");
        params.put("biz_content", Json.write(biz));
        params.put("sign", Signatures.rsa2Sign(params, key));
        StringBuilder form = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        GatewayHttp.Reply reply = http.post(config.gateway(), "application/x-www-form-urlencoded;charset=utf-8",
                form.toString(), Map.of());
        try {
            Map<String, Object> answer = Json.parseObject(reply.body());
            String name = method.replace('.', '_') + "_response";
            Map<String, Object> node = Json.obj(answer, name);
            if (node.isEmpty()) {
                name = "error_response";
                node = Json.obj(answer, name);
            }
            if (node.isEmpty()) {
                throw new JsonException("no " + method + " response node", 0);
            }
            if (platformKey != null && !"error_response".equals(name)
                    && !Signatures.rsa2VerifyText(Json.rawMember(reply.body(), name), Json.str(answer, "sign"), platformKey)) {
                throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE,
                        method + ": answer signature does not verify", null);
            }
            return node;
        } catch (JsonException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE,
                    method + ": unreadable answer (" + e.getMessage() + ")", e);
        }
    }
}
