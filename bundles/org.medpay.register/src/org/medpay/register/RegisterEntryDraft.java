package org.medpay.register;

import java.util.List;

import org.medpay.core.money.Money;
import org.medpay.core.sale.Sale;
import org.medpay.gateway.api.OperatorRef;

/**
 * What the settlement flow hands to {@link ComplianceRegister#record}: the form's fields plus what the flow
 * knows itself (the sale's drugs, the amounts per leg, the operator). The time is the register's own.
 *
 * @param insured         the insured person when a proxy buys; {@code null} when the buyer is the insured
 * @param insuranceAmount the medical-insurance leg (personal account) as pre-settled
 * @param channelAmount   the Alipay/WeChat leg
 * @param prescriptionNo  when prescription drugs are sold; may be empty
 */
public record RegisterEntryDraft(String saleId, Person buyer, BuyerRole role, String relationship, Person insured,
        List<RegisterLine> lines, Money total, Money insuranceAmount, Money channelAmount, String prescriptionNo,
        OperatorRef operator) {

    public RegisterEntryDraft {
        lines = lines == null ? List.of() : List.copyOf(lines);
        relationship = relationship == null ? "" : relationship.strip();
        prescriptionNo = prescriptionNo == null ? "" : prescriptionNo.strip();
    }

    /** The automatic part of a draft, from the sale snapshot; the form adds the people. */
    public static RegisterEntryDraft forSale(Sale sale, Money insuranceAmount, Money channelAmount, OperatorRef operator) {
        return new RegisterEntryDraft(sale.id(), null, BuyerRole.INSURED, "", null, RegisterLine.fromSale(sale),
                sale.total(), insuranceAmount, channelAmount, "", operator);
    }

    public RegisterEntryDraft withPeople(Person buyer, BuyerRole role, String relationship, Person insured,
            String prescriptionNo) {
        return new RegisterEntryDraft(saleId, buyer, role, relationship, role == BuyerRole.PROXY ? insured : null, lines,
                total, insuranceAmount, channelAmount, prescriptionNo, operator);
    }

    /** The person whose social-security account pays. */
    public Person insuredPerson() {
        return role == BuyerRole.PROXY ? insured : buyer;
    }
}
