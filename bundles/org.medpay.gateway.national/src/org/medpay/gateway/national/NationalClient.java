package org.medpay.gateway.national;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.GatewayException.UnknownCause;
import org.medpay.gateway.api.OperatorRef;
import org.medpay.gateway.national.codec.Json;
import org.medpay.gateway.national.codec.JsonException;
import org.medpay.gateway.national.codec.Signatures;
import org.medpay.gateway.national.http.GatewayHttp;

/**
 * The national envelope over HTTP: builds the request envelope, signs it, signs in (9001) once per
 * platform day, and turns the answer into an output object or a {@link GatewayException}.
 *
 * <p>Answer mapping: {@code infcode} 0 is success; -1 is a definite refusal (classified from
 * {@code err_msg}); any other infcode, a missing infcode, an unreadable body, 5xx, a timeout or a lost
 * connection is an unknown outcome.
 */
public final class NationalClient {

    public static final String SIGN_IN = "9001";
    public static final String PERSON_INFO = "1101";
    public static final String PRE_SETTLE = "2101";
    public static final String SETTLE = "2102";
    public static final String CANCEL_SETTLEMENT = "2103";
    public static final String REVERSAL = "2601";
    public static final String RECONCILE_DETAIL = "3202";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final NationalConfig config;
    private final GatewayHttp http;
    private final Clock clock;
    private final MessageIds messageIds;
    private LocalDate signInDay;
    private String signNo;
    private volatile int signIns;

    public NationalClient(NationalConfig config, GatewayHttp http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
        this.messageIds = new MessageIds(config.institutionCode(), clock, config.zone());
        http.checkEndpoint(config.endpoint());
    }

    public NationalConfig config() {
        return config;
    }

    public String nextMessageId() {
        return messageIds.next();
    }

    /** How many 9001 calls this client made (for tests and diagnostics). */
    public int signInCount() {
        return signIns;
    }

    /**
     * The day's {@code sign_no}, signing in when the platform day changed (the platforms expire sign-ins
     * at midnight, their time).
     */
    public synchronized String signNo(OperatorRef operator) throws GatewayException {
        LocalDate today = LocalDate.now(clock.withZone(config.zone()));
        if (signNo != null && today.equals(signInDay)) {
            return signNo;
        }
        Map<String, Object> in = new LinkedHashMap<>();
        Map<String, Object> signIn = new LinkedHashMap<>();
        signIn.put("opter_no", operator.code());
        signIn.put("mac", config.deviceNo());
        signIn.put("ip", "127.0.0.1");
        in.put("signIn", signIn);
        Map<String, Object> out = exchange(SIGN_IN, nextMessageId(), operator, in, "", "");
        signIns++;
        try {
            String no = Json.str(Json.obj(out, "signinoutb"), "sign_no");
            if (no == null || no.isBlank()) {
                throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, "9001 without sign_no",
                        null);
            }
            signNo = no;
            signInDay = today;
            return no;
        } catch (JsonException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, "9001: " + e.getMessage(), e);
        }
    }

    /** Forgets the sign-in so the next call signs in again (after the platform said it expired). */
    public synchronized void invalidateSignIn() {
        signNo = null;
        signInDay = null;
    }

    /**
     * One business call with the caller's {@code msgid} (journalled before the call). A "not signed in"
     * refusal booked nothing, so the call is repeated once after a fresh sign-in with the same msgid.
     */
    public Map<String, Object> call(String infno, String msgid, OperatorRef operator, Map<String, Object> input,
            String insuredArea) throws GatewayException {
        String sign = signNo(operator);
        try {
            return exchange(infno, msgid, operator, input, sign, insuredArea);
        } catch (GatewayException.DefiniteFailure f) {
            if (f.reason() != FailureReason.NOT_SIGNED_IN) {
                throw f;
            }
            invalidateSignIn();
            return exchange(infno, msgid, operator, input, signNo(operator), insuredArea);
        }
    }

    private Map<String, Object> exchange(String infno, String msgid, OperatorRef operator, Map<String, Object> input,
            String sign, String insuredArea) throws GatewayException {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("infno", infno);
        env.put("msgid", msgid);
        env.put("mdtrtarea_admvs", config.areaCode());
        env.put("insuplc_admdvs", insuredArea == null || insuredArea.isEmpty() ? config.areaCode() : insuredArea);
        env.put("recer_sys_code", config.recerSysCode());
        env.put("dev_no", config.deviceNo());
        env.put("dev_safe_info", "");
        env.put("cainfo", "");
        env.put("signtype", config.signType());
        env.put("infver", "V1.0");
        env.put("opter_type", "1");
        env.put("opter", operator.code());
        env.put("opter_name", operator.name());
        env.put("inf_time", LocalDateTime.now(clock.withZone(config.zone())).format(TIME));
        env.put("fixmedins_code", config.institutionCode());
        env.put("fixmedins_name", config.institutionName());
        env.put("sign_no", sign);
        env.put("input", input);
        String body = Json.write(env);
        String timestamp = Long.toString(clock.millis() / 1000);
        String nonce = HexFormat.of().formatHex(randomBytes());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-tif-paasid", config.institutionCode());
        headers.put("x-tif-timestamp", timestamp);
        headers.put("x-tif-nonce", nonce);
        headers.put("x-tif-signature", Signatures.nationalSign(config.signingKey(), timestamp, nonce, body));
        GatewayHttp.Reply reply = http.post(config.endpoint(), "application/json;charset=utf-8", body, headers);
        return interpret(infno, reply.body());
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** Public for unit tests: the answer envelope's meaning. */
    public static Map<String, Object> interpret(String infno, String body) throws GatewayException {
        Map<String, Object> answer;
        try {
            answer = Json.parseObject(body);
        } catch (JsonException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE,
                    infno + ": unreadable answer (" + e.getMessage() + ")", e);
        }
        String infcode = Json.str(answer, "infcode");
        if ("0".equals(infcode)) {
            try {
                return Json.obj(answer, "output");
            } catch (JsonException e) {
                throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, infno + ": " + e.getMessage(),
                        e);
            }
        }
        String errMsg = Json.str(answer, "err_msg");
        if ("-1".equals(infcode)) {
            throw new GatewayException.DefiniteFailure(classify(errMsg), "-1", errMsg == null ? "" : errMsg);
        }
        if (infcode == null) {
            throw new GatewayException.UnknownOutcome(UnknownCause.MALFORMED_RESPONSE, infno + ": answer without infcode",
                    null);
        }
        throw new GatewayException.UnknownOutcome(UnknownCause.PLATFORM_SYSTEM_ERROR,
                infno + ": infcode " + infcode + " " + errMsg, null);
    }

    /**
     * The platforms give no reason codes with -1, only words; these are the words they use. Anything
     * unrecognised stays {@link FailureReason#REJECTED} with the platform's message shown as it is.
     */
    static FailureReason classify(String errMsg) {
        String m = errMsg == null ? "" : errMsg;
        if (m.contains("余额不足")) {
            return FailureReason.BALANCE_INSUFFICIENT;
        }
        if (m.contains("未签到") || m.contains("签到已失效") || m.contains("签到号")) {
            return FailureReason.NOT_SIGNED_IN;
        }
        if (m.contains("过期") || m.contains("已失效") || m.contains("已使用")) {
            return FailureReason.CODE_EXPIRED;
        }
        if (m.contains("未绑定") || m.contains("未查询到人员") || m.contains("无参保信息")) {
            return FailureReason.BUYER_NOT_BOUND;
        }
        if (m.contains("结算信息不存在") || m.contains("不存在")) {
            return FailureReason.TRADE_NOT_FOUND;
        }
        return FailureReason.REJECTED;
    }
}
