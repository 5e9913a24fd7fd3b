package org.medpay.gateway.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.GatewayException.UnknownCause;
import org.medpay.gateway.national.NationalClient;
import org.medpay.gateway.national.codec.Json;
import org.medpay.gateway.national.codec.JsonException;
import org.medpay.gateway.national.codec.Signatures;
import org.medpay.gateway.national.codec.Xml;
import org.medpay.gateway.sandbox.simulator.SandboxKeys;

/** The hand-written JSON/XML codecs and the signatures, without a network. */
class CodecTest {

    @Test
    void jsonRoundTripKeepsStringsNumbersAndNesting() throws Exception {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("infno", "2102");
        in.put("amount", new BigDecimal("12.50"));
        in.put("name", "张三 \"quoted\" \\ back\nline\u0001");
        in.put("list", List.of(1L, true, Map.of("k", "v")));
        in.put("nothing", null);
        String text = Json.write(in);
        Map<String, Object> out = Json.parseObject(text);
        assertEquals("2102", out.get("infno"));
        assertEquals(new BigDecimal("12.50"), out.get("amount"), "amounts stay exact decimals, never doubles");
        assertEquals(in.get("name"), out.get("name"));
        assertTrue(out.containsKey("nothing"));
        assertNull(out.get("nothing"));
        assertEquals(List.of(new BigDecimal("1"), true, Map.of("k", "v")), out.get("list"));
    }

    @Test
    void jsonRejectsEverythingThatIsNotExactlyOneValue() {
        for (String bad : new String[] { "", "{", "{\"a\":1", "{\"a\":1}x", "{\"a\":1,}", "[1,2", "{'a':1}",
                "{\"a\":01}", "{\"a\":1.}", "{\"a\":\"x\\q\"}", "{\"a\":1,\"a\":2}", "nul", "{\"a\":\"\u0001\"}",
                "[".repeat(100) + "]".repeat(100) }) {
            assertThrows(JsonException.class, () -> Json.parse(bad), () -> "accepted: " + bad);
        }
    }

    @Test
    void jsonUnicodeEscapesAndWriterRefusesFloatingPoint() throws Exception {
        assertEquals("成都", Json.parse("\"\\u6210\\u90fd\""));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", 1.5d)));
    }

    @Test
    void rawMemberReturnsTheExactTextThatWasSigned() throws Exception {
        String doc = "{ \"a_response\" : {\"code\":\"10000\", \"x\":[1, {\"y\":\"}\"}]} ,\"sign\":\"s\"}";
        assertEquals("{\"code\":\"10000\", \"x\":[1, {\"y\":\"}\"}]}", Json.rawMember(doc, "a_response"));
        assertEquals("\"s\"", Json.rawMember(doc, "sign"));
        assertNull(Json.rawMember(doc, "missing"));
        assertThrows(JsonException.class, () -> Json.rawMember("{\"a\":{", "a"));
    }

    @Test
    void xmlRoundTripWithCdataAndEntities() throws Exception {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("return_code", "SUCCESS");
        in.put("body", "药品 <b> & ]]> tricky");
        String xml = Xml.write(in);
        assertEquals(in, Xml.parse(xml));
        assertEquals(Map.of("a", "1 < 2 & 3"), Xml.parse("<xml><a>1 &lt; 2 &amp; 3</a></xml>"));
    }

    @Test
    void xmlRefusesDoctypeNestingAndGarbage() {
        for (String bad : new String[] { "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><a>&e;</a></xml>",
                "<xml><a><b>1</b></a></xml>", "<xml><a>1</xml>", "<xml><a>&e;</a></xml>", "not xml",
                "<xml><a>1</a><a>2</a></xml>" }) {
            assertThrows(JsonException.class, () -> Xml.parse(bad), () -> "accepted: " + bad);
        }
    }

    @Test
    void canonicalStringSortsSkipsSignAndEmptyValues() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "alipay.trade.pay");
        p.put("app_id", "2021");
        p.put("sign", "xyz");
        p.put("empty", "");
        p.put("biz_content", "{\"a\":1}");
        assertEquals("app_id=2021&biz_content={\"a\":1}&method=alipay.trade.pay", Signatures.canonical(p));
    }

    @Test
    void rsa2SignatureVerifiesAndDetectsTampering() {
        Map<String, String> p = new LinkedHashMap<>(Map.of("out_trade_no", "T1", "total_amount", "12.50"));
        String sign = Signatures.rsa2Sign(p, Signatures.rsaPrivateKey(SandboxKeys.ALIPAY_APP_PRIVATE_KEY));
        assertTrue(Signatures.rsa2Verify(p, sign, Signatures.rsaPublicKey(SandboxKeys.ALIPAY_APP_PUBLIC_KEY)));
        p.put("total_amount", "1250.00");
        assertFalse(Signatures.rsa2Verify(p, sign, Signatures.rsaPublicKey(SandboxKeys.ALIPAY_APP_PUBLIC_KEY)));
    }

    @Test
    void wechatSignatureIsUppercaseHmacOfCanonicalPlusKey() {
        Map<String, String> p = Map.of("appid", "wx1", "mch_id", "10", "nonce_str", "abc");
        String expected = Signatures.hmacSha256Hex("k", "appid=wx1&mch_id=10&nonce_str=abc&key=k").toUpperCase();
        assertEquals(expected, Signatures.wechatSign(p, "k"));
        assertEquals(64, expected.length());
        // RFC 4231 test case 2 pins the HMAC itself.
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Signatures.hmacSha256Hex("Jefe", "what do ya want for nothing?"));
    }

    @Test
    void nationalAnswerMapping() throws Exception {
        assertEquals(Map.of("x", "1"),
                NationalClient.interpret("1101", "{\"infcode\":0,\"err_msg\":\"\",\"output\":{\"x\":\"1\"}}"));
        GatewayException.DefiniteFailure f = assertThrows(GatewayException.DefiniteFailure.class,
                () -> NationalClient.interpret("2102", "{\"infcode\":-1,\"err_msg\":\"个人账户余额不足\"}"));
        assertEquals(FailureReason.BALANCE_INSUFFICIENT, f.reason());
        assertEquals("个人账户余额不足", f.platformMessage());
        assertEquals(FailureReason.NOT_SIGNED_IN, assertThrows(GatewayException.DefiniteFailure.class,
                () -> NationalClient.interpret("2102", "{\"infcode\":-1,\"err_msg\":\"未签到或签到已失效\"}")).reason());
        GatewayException.UnknownOutcome u = assertThrows(GatewayException.UnknownOutcome.class,
                () -> NationalClient.interpret("2102", "{\"infcode\":0,\"output\":{\"setl"));
        assertEquals(UnknownCause.MALFORMED_RESPONSE, u.kind());
        assertEquals(UnknownCause.MALFORMED_RESPONSE, assertThrows(GatewayException.UnknownOutcome.class,
                () -> NationalClient.interpret("2102", "{\"output\":{}}")).kind());
        assertEquals(UnknownCause.PLATFORM_SYSTEM_ERROR, assertThrows(GatewayException.UnknownOutcome.class,
                () -> NationalClient.interpret("2102", "{\"infcode\":-99,\"err_msg\":\"系统异常\"}")).kind());
        assertInstanceOf(Map.class, NationalClient.interpret("2601", "{\"infcode\":\"0\",\"output\":null}"));
    }
}
