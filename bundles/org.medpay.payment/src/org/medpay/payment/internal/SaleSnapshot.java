package org.medpay.payment.internal;

import java.util.List;

import org.medpay.core.sale.SaleLine;

/** The sale as scanned, for the journal: what the buyer paid for must survive a later edit or a crash. */
final class SaleSnapshot {

    private SaleSnapshot() {
    }

    /** One line per sale line: no|pharmacy code|national code|class|self-paid|qty|unit price fen|name. */
    static String encode(List<SaleLine> lines) {
        StringBuilder b = new StringBuilder();
        for (SaleLine l : lines) {
            var d = l.drug();
            b.append(l.lineNo()).append('|').append(clean(d.pharmacyCode())).append('|')
                    .append(d.nationalCode() == null ? "" : clean(d.nationalCode())).append('|')
                    .append(d.insuranceClass() == null ? "" : d.insuranceClass().name()).append('|')
                    .append(d.fullySelfPaid() ? 'Y' : 'N').append('|').append(l.quantity()).append('|')
                    .append(d.unitPrice().fen()).append('|').append(clean(d.name())).append('\n');
        }
        String s = b.toString();
        return s.length() > 30000 ? s.substring(0, 30000) : s;
    }

    private static String clean(String s) {
        return s.replace('|', '/').replace('\n', ' ');
    }
}
