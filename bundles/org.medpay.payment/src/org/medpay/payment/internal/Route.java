package org.medpay.payment.internal;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.payment.FailureKind;

/**
 * Where the money of one sale should come from.
 *
 * @param wallet        the payment code's wallet, {@code null} for an e-voucher (no channel leg possible)
 * @param channelAmount for {@link Kind#CHANNEL_ONLY}: the whole amount
 * @param fellBack      N-1: a bound buyer's balance was short, so the channel pays all
 * @param refusal       for {@link Kind#REFUSED}
 */
public record Route(Kind kind, PaymentChannel wallet, Money channelAmount, boolean fellBack, FailureKind refusal) {

    public enum Kind {
        /** 2102 with the personal account; the platform's cash part (if any) follows the region's split policy. */
        INSURANCE,
        CHANNEL_ONLY,
        REFUSED
    }

    static Route insurance(PaymentChannel wallet) {
        return new Route(Kind.INSURANCE, wallet, Money.ZERO, false, null);
    }

    static Route channel(PaymentChannel wallet, Money amount, boolean fellBack) {
        return new Route(Kind.CHANNEL_ONLY, wallet, amount, fellBack, null);
    }

    static Route refused(FailureKind why) {
        return new Route(Kind.REFUSED, null, Money.ZERO, false, why);
    }
}
