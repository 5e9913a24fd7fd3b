package org.medpay.register.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.medpay.register.ChainVerification;
import org.medpay.register.PersonView;
import org.medpay.register.RegisterEntry;
import org.medpay.register.Settlement;

/** CSV and printable HTML of register entries for inspections. Identifiers are the masked ones only. */
final class Exporter {

    private static final String[] COLUMNS = { "seq", "time", "saleId", "operator", "buyer", "idType", "idNumber",
            "phone", "role", "relationship", "insured", "insuredId", "ssNo", "drugs", "total", "insurance", "channel",
            "prescription", "settlementId", "tradeNo", "settledAt", "hash" };
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Exporter() {
    }

    static List<String> headers() {
        List<String> h = new ArrayList<>();
        for (String c : COLUMNS) {
            h.add(RegisterMessages.get("export.col." + c));
        }
        return h;
    }

    static List<String> row(RegisterEntry e, ZoneId zone) {
        PersonView insured = e.insuredPerson();
        Settlement s = e.settlementOrNull();
        String drugs = e.lines().stream()
                .map(l -> l.name() + (l.specification().isEmpty() ? "" : " " + l.specification()) + " ×" + l.quantity()
                        + " = " + l.lineTotal().toYuanString())
                .collect(Collectors.joining("; "));
        return List.of(Long.toString(e.seq()), TIME.format(e.recordedAt().atZone(zone)), e.saleId(),
                e.operator().code() + " " + e.operator().name(), e.buyer().name(),
                RegisterMessages.get("idType." + e.buyer().idType().name()), e.buyer().maskedIdNumber(),
                e.buyer().maskedPhone(), RegisterMessages.get("role." + e.role().name()), e.relationship(),
                insured.name(), insured.maskedIdNumber(), insured.maskedSocialSecurityNo(), drugs,
                e.total().toYuanString(), e.insuranceAmount().toYuanString(), e.channelAmount().toYuanString(),
                e.prescriptionNo(), s == null ? "" : s.settlementId(), s == null ? "" : s.tradeNo(),
                s == null ? "" : TIME.format(s.confirmedAt().atZone(zone)), e.hash());
    }

    /** UTF-8 with a BOM (without it Excel reads GBK and the Chinese is garbled) and CRLF (RFC 4180). */
    static void csv(List<RegisterEntry> entries, ZoneId zone, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        csvLine(w, headers());
        for (RegisterEntry e : entries) {
            csvLine(w, row(e, zone));
        }
        w.flush();
    }

    private static void csvLine(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            String c = cells.get(i) == null ? "" : cells.get(i);
            // A leading = + - @ would run as a formula in Excel: inspectors open these files.
            if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0) {
                c = "'" + c;
            }
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                c = '"' + c.replace("\"", "\"\"") + '"';
            }
            w.write(c);
        }
        w.write("\r\n");
    }

    static void html(List<RegisterEntry> entries, LocalDate from, LocalDate to, ChainVerification chain, ZonedDateTime now,
            OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        String title = RegisterMessages.get("export.title");
        sb.append("<!DOCTYPE html>\n<html lang=\"").append(RegisterMessages.locale().toLanguageTag())
                .append("\">\n<head>\n<meta charset=\"UTF-8\">\n<title>").append(esc(title)).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:\"WenQuanYi Zen Hei\",\"Microsoft YaHei\",\"SimSun\",sans-serif;font-size:10pt;}\n")
                .append("table{border-collapse:collapse;width:100%;}\n")
                .append("th,td{border:1px solid #000;padding:2px 4px;vertical-align:top;}\n")
                .append("th{background:#eee;}\n")
                .append("td.num{text-align:right;white-space:nowrap;}\n")
                .append("td.hash{font-family:monospace;font-size:7pt;word-break:break-all;}\n")
                .append("@media print{@page{size:A4 landscape;margin:10mm;} thead{display:table-header-group;}"
                        + " tr{page-break-inside:avoid;} th{background:none;}}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n<p>")
                .append(esc(RegisterMessages.format("export.range", from.toString(), to.toString()))).append("<br>")
                .append(esc(RegisterMessages.format("export.generated", TIME.format(now)))).append("<br>")
                .append(esc(chain.ok() ? RegisterMessages.format("export.chainOk", Long.toString(chain.checked()), chain.headHash())
                        : RegisterMessages.format("export.chainBroken", Long.toString(chain.brokenAtSeq().getAsLong()), chain.problem())))
                .append("</p>\n<table>\n<thead><tr>");
        for (String h : headers()) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (RegisterEntry e : entries) {
            sb.append("<tr>");
            List<String> cells = row(e, now.getZone());
            for (int i = 0; i < cells.size(); i++) {
                String cls = i >= 14 && i <= 16 ? " class=\"num\"" : i == cells.size() - 1 ? " class=\"hash\"" : "";
                sb.append("<td").append(cls).append('>').append(esc(cells.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n</body>\n</html>\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
