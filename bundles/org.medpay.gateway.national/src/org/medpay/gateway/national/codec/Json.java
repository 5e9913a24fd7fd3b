package org.medpay.gateway.national.codec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer for the platform envelopes. The target platform has no JSON
 * library, and the envelopes are small, so a careful hand-written one is less to ship and audit than a
 * dependency. Objects read as {@link LinkedHashMap} (field order kept, which the signatures do not rely
 * on but logs and tests like), arrays as {@link List}, numbers as {@link BigDecimal} (never double:
 * amounts are money), JSON {@code null} as Java {@code null}. Anything that is not exactly one JSON value
 * is a {@link JsonException}: an unreadable answer from a platform must never be half-understood.
 */
public final class Json {

    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    public static Object parse(String text) throws JsonException {
        if (text == null) {
            throw new JsonException("no content", 0);
        }
        Json p = new Json(text);
        p.skipWs();
        Object value = p.value();
        p.skipWs();
        if (p.pos != text.length()) {
            throw new JsonException("trailing characters", p.pos);
        }
        return value;
    }

    /** Parses a document that must be a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) throws JsonException {
        Object v = parse(text);
        if (!(v instanceof Map)) {
            throw new JsonException("not a JSON object", 0);
        }
        return (Map<String, Object>) v;
    }

    /**
     * The exact text of one member of a top-level object, as it stood in the document: Alipay signs the
     * raw text of its {@code *_response} node, so it must be verified byte for byte, not re-serialised.
     * {@code null} when the member is absent.
     */
    public static String rawMember(String text, String key) throws JsonException {
        Json p = new Json(text);
        p.skipWs();
        p.expect('{');
        p.depth = 1;
        p.skipWs();
        if (p.peek() == '}') {
            return null;
        }
        while (true) {
            p.skipWs();
            if (p.peek() != '"') {
                throw new JsonException("expected a field name", p.pos);
            }
            String k = p.string();
            p.skipWs();
            p.expect(':');
            p.skipWs();
            int start = p.pos;
            p.value();
            if (k.equals(key)) {
                return text.substring(start, p.pos);
            }
            p.skipWs();
            char c = p.peek();
            p.pos++;
            if (c == '}') {
                return null;
            }
            if (c != ',') {
                throw new JsonException("expected , or }", p.pos - 1);
            }
        }
    }

    private Object value() throws JsonException {
        if (pos >= text.length()) {
            throw new JsonException("unexpected end", pos);
        }
        char c = text.charAt(pos);
        switch (c) {
        case '{':
            return object();
        case '[':
            return array();
        case '"':
            return string();
        case 't':
            return literal("true", Boolean.TRUE);
        case 'f':
            return literal("false", Boolean.FALSE);
        case 'n':
            return literal("null", null);
        default:
            if (c == '-' || (c >= '0' && c <= '9')) {
                return number();
            }
            throw new JsonException("unexpected character '" + c + "'", pos);
        }
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw new JsonException("expected " + word, pos);
        }
        pos += word.length();
        return value;
    }

    private Map<String, Object> object() throws JsonException {
        enter();
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWs();
            if (peek() != '"') {
                throw new JsonException("expected a field name", pos);
            }
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            Object v = value();
            if (map.containsKey(key)) {
                // Two values for one field: which one would the platform have meant?
                throw new JsonException("duplicate field " + key, pos);
            }
            map.put(key, v);
            skipWs();
            char c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                throw new JsonException("expected , or }", pos - 1);
            }
        }
    }

    private List<Object> array() throws JsonException {
        enter();
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipWs();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipWs();
            list.add(value());
            skipWs();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                throw new JsonException("expected , or ]", pos - 1);
            }
        }
    }

    private void enter() throws JsonException {
        if (++depth > MAX_DEPTH) {
            throw new JsonException("nested too deeply", pos);
        }
    }

    private String string() throws JsonException {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new JsonException("unterminated string", pos);
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw new JsonException("control character in string", pos - 1);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new JsonException("unterminated escape", pos);
            }
            char e = text.charAt(pos++);
            switch (e) {
            case '"', '\\', '/' -> sb.append(e);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                if (pos + 4 > text.length()) {
                    throw new JsonException("short \\u escape", pos);
                }
                int cp = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(text.charAt(pos + i), 16);
                    if (d < 0) {
                        throw new JsonException("bad \\u escape", pos);
                    }
                    cp = cp * 16 + d;
                }
                pos += 4;
                sb.append((char) cp);
            }
            default -> throw new JsonException("bad escape \\" + e, pos - 1);
            }
        }
    }

    private BigDecimal number() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw new JsonException("bad number", pos);
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw new JsonException("bad fraction", pos);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw new JsonException("bad exponent", pos);
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) throws JsonException {
        if (peek() != c) {
            throw new JsonException("expected " + c, pos);
        }
        pos++;
    }

    private void skipWs() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes maps, lists, strings, numbers (not double/float), booleans and null. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Double || v instanceof Float) {
            throw new IllegalArgumentException("floating point has no place in a payment message: " + v);
        } else if (v instanceof BigDecimal d) {
            sb.append(d.toPlainString());
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Iterable<?> it) {
            sb.append('[');
            boolean first = true;
            for (Object o : it) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(sb, o);
            }
            sb.append(']');
        } else {
            quote(sb, v.toString());
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            }
        }
        sb.append('"');
    }

    // ---------------------------------------------------------------- reading helpers

    /** The nested object at {@code key}, or an empty map when absent; a non-object is an error. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Map<String, Object> m, String key) throws JsonException {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new JsonException(key + " is not an object", 0);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> m, String key) throws JsonException {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List) {
            return (List<Object>) v;
        }
        throw new JsonException(key + " is not an array", 0);
    }

    /** A field as text, whether the platform sent it as a string or a number; {@code null} when absent. */
    public static String str(Map<String, Object> m, String key) {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }
}
