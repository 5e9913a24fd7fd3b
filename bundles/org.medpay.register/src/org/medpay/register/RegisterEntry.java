package org.medpay.register;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.medpay.core.money.Money;
import org.medpay.gateway.api.OperatorRef;

/**
 * A stored register entry, as screens and exports show it: identifiers masked.
 *
 * @param seq        position in the register's hash chain
 * @param insured    the insured person when a proxy bought; {@code null} when the buyer is the insured
 * @param settlement the settlement confirmed for this sale, if any (a later record of the chain)
 * @param hash       SHA-256 of this record's canonical content and the previous record's hash (hex)
 */
public record RegisterEntry(long seq, String saleId, Instant recordedAt, OperatorRef operator, PersonView buyer,
        BuyerRole role, String relationship, PersonView insured, List<RegisterLine> lines, Money total,
        Money insuranceAmount, Money channelAmount, String prescriptionNo, String hash, Settlement settlementOrNull) {

    public Optional<Settlement> settlement() {
        return Optional.ofNullable(settlementOrNull);
    }

    public PersonView insuredPerson() {
        return role == BuyerRole.PROXY ? insured : buyer;
    }

    public RegisterEntry withSettlement(Settlement s) {
        return new RegisterEntry(seq, saleId, recordedAt, operator, buyer, role, relationship, insured, lines, total,
                insuranceAmount, channelAmount, prescriptionNo, hash, s);
    }
}
