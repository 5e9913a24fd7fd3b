package org.medpay.gateway.national.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeChat Pay v2's flat XML: {@code <xml><key><![CDATA[value]]></key>...</xml>}. Hand-written on purpose:
 * only that flat shape is accepted, and there is no DOCTYPE or entity expansion at all, so the XXE
 * attacks that JAXP parsers must be configured against cannot happen here.
 */
public final class Xml {

    private Xml() {
    }

    public static String write(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("<xml>");
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            checkName(e.getKey());
            sb.append('<').append(e.getKey()).append("><![CDATA[")
                    .append(e.getValue().replace("]]>", "]]]]><![CDATA[>")).append("]]></").append(e.getKey())
                    .append('>');
        }
        return sb.append("</xml>").toString();
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty element name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9' && i > 0))) {
                throw new IllegalArgumentException("bad element name " + name);
            }
        }
    }

    public static Map<String, String> parse(String text) throws JsonException {
        if (text == null) {
            throw new JsonException("no content", 0);
        }
        String s = text.strip();
        if (s.startsWith("<?xml")) {
            int end = s.indexOf("?>");
            if (end < 0) {
                throw new JsonException("unterminated declaration", 0);
            }
            s = s.substring(end + 2).strip();
        }
        if (!s.startsWith("<xml>") || !s.endsWith("</xml>")) {
            throw new JsonException("not a <xml> document", 0);
        }
        Map<String, String> out = new LinkedHashMap<>();
        int pos = 5;
        int end = s.length() - 6;
        while (true) {
            pos = skipWs(s, pos, end);
            if (pos >= end) {
                return out;
            }
            if (s.charAt(pos) != '<') {
                throw new JsonException("expected an element", pos);
            }
            int close = s.indexOf('>', pos);
            if (close < 0 || close > end) {
                throw new JsonException("unterminated tag", pos);
            }
            String name = s.substring(pos + 1, close);
            try {
                checkName(name);
            } catch (IllegalArgumentException e) {
                throw new JsonException(e.getMessage(), pos);
            }
            pos = close + 1;
            StringBuilder value = new StringBuilder();
            String endTag = "</" + name + ">";
            while (true) {
                if (s.startsWith(endTag, pos)) {
                    pos += endTag.length();
                    break;
                }
                if (pos >= end) {
                    throw new JsonException("unterminated element " + name, pos);
                }
                if (s.startsWith("<![CDATA[", pos)) {
                    int c = s.indexOf("]]>", pos + 9);
                    if (c < 0 || c > end) {
                        throw new JsonException("unterminated CDATA", pos);
                    }
                    value.append(s, pos + 9, c);
                    pos = c + 3;
                } else if (s.charAt(pos) == '<') {
                    throw new JsonException("nested elements are not accepted", pos);
                } else if (s.charAt(pos) == '&') {
                    int semi = s.indexOf(';', pos);
                    if (semi < 0 || semi - pos > 6) {
                        throw new JsonException("bad entity", pos);
                    }
                    String ent = s.substring(pos + 1, semi);
                    value.append(switch (ent) {
                    case "lt" -> '<';
                    case "gt" -> '>';
                    case "amp" -> '&';
                    case "quot" -> '"';
                    case "apos" -> '\'';
                    default -> throw new JsonException("unknown entity &" + ent + ";", pos);
                    });
                    pos = semi + 1;
                } else {
                    value.append(s.charAt(pos++));
                }
            }
            if (out.put(name, value.toString()) != null) {
                throw new JsonException("duplicate element " + name, pos);
            }
        }
    }

    private static int skipWs(String s, int pos, int end) {
        while (pos < end && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
        return pos;
    }
}
