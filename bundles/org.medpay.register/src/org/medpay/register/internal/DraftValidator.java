package org.medpay.register.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.medpay.core.money.Money;
import org.medpay.register.BuyerRole;
import org.medpay.register.FieldError;
import org.medpay.register.IdType;
import org.medpay.register.Person;
import org.medpay.register.RegisterEntryDraft;
import org.medpay.register.RegisterLine;
import org.medpay.register.ResidentId;

/** Every rule a register entry must pass; all problems are reported at once so the form can mark each field. */
final class DraftValidator {

    private static final String PHONE = "1[3-9]\\d{9}";
    private static final String OTHER_ID = "[0-9A-Z]{5,20}";
    private static final String SS_NO = "[0-9A-Za-z]{6,20}";

    private DraftValidator() {
    }

    static List<FieldError> validate(RegisterEntryDraft d, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (d.saleId() == null || d.saleId().isBlank()) {
            add(errors, "saleId", "saleId");
        }
        boolean proxy = d.role() == BuyerRole.PROXY;
        // The buyer's phone is always needed (inspectors call back); the social-security number is the
        // insured's, so a proxy buyer need not give their own.
        person(errors, "buyer", d.buyer(), today, true, !proxy);
        if (d.role() == null) {
            add(errors, "role", "required");
        }
        if (proxy) {
            if (d.relationship().isEmpty()) {
                add(errors, "relationship", "relationship");
            }
            person(errors, "insured", d.insured(), today, false, true);
        }
        if (d.lines().isEmpty()) {
            add(errors, "lines", "lines");
        } else if (d.total() == null || d.insuranceAmount() == null || d.channelAmount() == null
                || d.insuranceAmount().isNegative() || d.channelAmount().isNegative()
                || !d.insuranceAmount().plus(d.channelAmount()).equals(d.total())
                || !sum(d.lines()).equals(d.total())) {
            add(errors, "amounts", "amounts");
        }
        if (d.operator() == null || d.operator().code() == null || d.operator().code().isBlank()) {
            add(errors, "operator", "operator");
        }
        return errors;
    }

    private static Money sum(List<RegisterLine> lines) {
        Money s = Money.ZERO;
        for (RegisterLine l : lines) {
            if (l.quantity() <= 0 || !l.unitPrice().times(l.quantity()).equals(l.lineTotal())) {
                return Money.ofFen(-1);
            }
            s = s.plus(l.lineTotal());
        }
        return s;
    }

    private static void person(List<FieldError> errors, String prefix, Person p, LocalDate today, boolean phoneRequired,
            boolean ssRequired) {
        if (p == null) {
            add(errors, prefix + ".name", "required");
            add(errors, prefix + ".idNumber", "required");
            return;
        }
        if (p.name().isEmpty()) {
            add(errors, prefix + ".name", "required");
        } else if (p.name().codePointCount(0, p.name().length()) < 2 || p.name().length() > 30) {
            add(errors, prefix + ".name", "name");
        }
        if (p.idType() == null) {
            add(errors, prefix + ".idType", "idType");
        }
        if (p.idNumber().isEmpty()) {
            add(errors, prefix + ".idNumber", "required");
        } else if (p.idType() == IdType.RESIDENT_ID) {
            ResidentId.check(p.idNumber(), today).ifPresent(problem -> add(errors, prefix + ".idNumber", switch (problem) {
                case FORMAT -> "idFormat";
                case BIRTH_DATE -> "birthDate";
                case CHECK_DIGIT -> "checkDigit";
            }));
        } else if (p.idType() != null && !p.idNumber().matches(OTHER_ID)) {
            add(errors, prefix + ".idNumber", "otherId");
        }
        if (p.phone().isEmpty()) {
            if (phoneRequired) {
                add(errors, prefix + ".phone", "required");
            }
        } else if (!p.phone().matches(PHONE)) {
            add(errors, prefix + ".phone", "phone");
        }
        if (p.socialSecurityNo().isEmpty()) {
            if (ssRequired) {
                add(errors, prefix + ".ssNo", "required");
            }
        } else if (!p.socialSecurityNo().matches(SS_NO)) {
            add(errors, prefix + ".ssNo", "ssNo");
        }
    }

    private static void add(List<FieldError> errors, String field, String code) {
        errors.add(new FieldError(field, code, RegisterMessages.get("error." + code)));
    }
}
