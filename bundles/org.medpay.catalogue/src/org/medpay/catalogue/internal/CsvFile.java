package org.medpay.catalogue.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file as chains export it: UTF-8 with or without BOM (Excel writes one), or GBK (older Chinese
 * Windows tools). RFC 4180 quoting; each row remembers the line it started on so errors can name it.
 */
public final class CsvFile {

    public record Row(int line, List<String> fields) {
        public String get(int column) {
            return column < 0 || column >= fields.size() ? "" : fields.get(column).strip();
        }

        public boolean isBlank() {
            return fields.stream().allMatch(f -> f.isBlank());
        }
    }

    private final Charset charset;
    private final List<Row> rows;

    private CsvFile(Charset charset, List<Row> rows) {
        this.charset = charset;
        this.rows = rows;
    }

    public Charset charset() {
        return charset;
    }

    public List<Row> rows() {
        return rows;
    }

    public static CsvFile parse(byte[] bytes) {
        Charset cs;
        String text;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            cs = StandardCharsets.UTF_8;
            text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        } else {
            // Valid UTF-8 is almost never valid-looking GBK by accident and vice versa: try strict UTF-8 first.
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                cs = StandardCharsets.UTF_8;
            } catch (CharacterCodingException e) {
                cs = Charset.forName("GBK");
                text = new String(bytes, cs);
            }
        }
        return new CsvFile(cs, split(text));
    }

    static List<Row> split(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                field.setLength(0);
                rows.add(new Row(rowLine, List.copyOf(fields)));
                fields.clear();
                line++;
                rowLine = line;
            } else {
                field.append(c);
            }
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }
}
