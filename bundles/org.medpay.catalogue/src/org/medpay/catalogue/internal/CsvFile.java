package org.medpay.catalogue.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A CSV file as chains export it: UTF-8 with or without BOM (Excel writes one), or GBK (older Chinese
 * Windows tools). RFC 4180 quoting; each row remembers the line it started on so errors can name it.
 * <p>
 * Rows are read one at a time ({@link #forEachRow}): a 200,000-drug file held as rows of field strings
 * took ~200 MB, more than the catalogue it describes, and the till keeps its old catalogue live during a
 * re-import. Only the charset and the line count are known up front.
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

    interface Source {
        InputStream open() throws IOException;
    }

    private final Charset charset;
    private final Source source;
    private final int skip;
    private final int lines;

    private CsvFile(Charset charset, Source source, int skip, int lines) {
        this.charset = charset;
        this.source = source;
        this.skip = skip;
        this.lines = lines;
    }

    public Charset charset() {
        return charset;
    }

    /** Physical lines (line feeds, plus a last unterminated line): the row count when no field spans lines. */
    public int lines() {
        return lines;
    }

    /** Every row at once: small files and tests; imports use {@link #forEachRow}. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        forEachRow(rows::add);
        return rows;
    }

    /** Reads the file again from its start, handing over one row at a time. */
    public void forEachRow(Consumer<Row> action) {
        try (InputStream in = source.open()) {
            in.skipNBytes(skip);
            split(new InputStreamReader(in, charset), action);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CsvFile parse(byte[] bytes) {
        try {
            return detect(() -> new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail to read
        }
    }

    /** The file stays on disk: it is read once to find the charset, then once per {@link #forEachRow}. */
    public static CsvFile open(Path path) throws IOException {
        return detect(() -> Files.newInputStream(path));
    }

    private static CsvFile detect(Source source) throws IOException {
        byte[] head;
        int lines = 0;
        boolean lastWasFeed = true;
        try (InputStream in = source.open()) {
            head = in.readNBytes(3);
            byte[] buf = new byte[1 << 16];
            // 0x0A is never part of a multi-byte character in UTF-8 or GBK: counting bytes counts lines.
            for (byte b : head) {
                lines += b == '\n' ? 1 : 0;
                lastWasFeed = b == '\n';
            }
            for (int n; (n = in.read(buf)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
                lastWasFeed = buf[n - 1] == '\n';
            }
        }
        if (!lastWasFeed) {
            lines++;
        }
        if (head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            return new CsvFile(StandardCharsets.UTF_8, source, 3, lines);
        }
        // Valid UTF-8 is almost never valid-looking GBK by accident and vice versa: try strict UTF-8 first.
        try (InputStream in = source.open();
                Reader r = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            char[] sink = new char[1 << 15];
            while (r.read(sink) >= 0) {
                // only checking that it decodes
            }
            return new CsvFile(StandardCharsets.UTF_8, source, 0, lines);
        } catch (CharacterCodingException e) {
            return new CsvFile(Charset.forName("GBK"), source, 0, lines);
        }
    }

    /** Splits text into rows; the whole text in memory (tests of the format itself). */
    static List<Row> split(String text) {
        List<Row> rows = new ArrayList<>();
        try {
            split(new java.io.StringReader(text), rows::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static void split(Reader reader, Consumer<Row> action) throws IOException {
        Chars in = new Chars(reader);
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        for (int c; (c = in.next()) >= 0;) {
            if (quoted) {
                if (c == '"') {
                    if (in.peek() == '"') {
                        field.append('"');
                        in.next();
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && in.peek() == '\n') {
                    in.next();
                }
                fields.add(field.toString());
                field.setLength(0);
                action.accept(new Row(rowLine, List.copyOf(fields)));
                fields.clear();
                line++;
                rowLine = line;
            } else {
                field.append((char) c);
            }
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            action.accept(new Row(rowLine, List.copyOf(fields)));
        }
    }

    /** Characters with one of look-ahead (a doubled quote, CR LF), buffered. */
    private static final class Chars {
        private final Reader reader;
        private final char[] buf = new char[1 << 14];
        private int pos;
        private int len;

        Chars(Reader reader) {
            this.reader = reader;
        }

        int next() throws IOException {
            if (pos == len && !fill()) {
                return -1;
            }
            return buf[pos++];
        }

        int peek() throws IOException {
            if (pos == len && !fill()) {
                return -1;
            }
            return buf[pos];
        }

        private boolean fill() throws IOException {
            int n;
            do {
                n = reader.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            len = n;
            return true;
        }
    }
}
