package org.medpay.payment.internal;

import org.medpay.core.money.Money;
import org.medpay.core.sale.Eligibility;
import org.medpay.core.sale.PaymentChannel;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.gateway.api.BuyerIdentity;
import org.medpay.gateway.api.RegionPolicy.SplitPolicy;
import org.medpay.payment.FailureKind;

/** Rules N-1 and N-2 and the region's split policy, as a pure function. */
public final class Router {

    private Router() {
    }

    /** The wallet a payment code belongs to, {@code null} for anything else. */
    public static PaymentChannel wallet(ScannedCodeKind kind) {
        return switch (kind) {
            case ALIPAY_PAYMENT_CODE -> PaymentChannel.ALIPAY;
            case WECHAT_PAYMENT_CODE -> PaymentChannel.WECHAT;
            default -> null;
        };
    }

    /**
     * @param buyer {@code null} when the platform was not asked (an ineligible sale paid by payment code
     *              needs no identification: N-2 already decided)
     */
    public static Route route(Eligibility eligibility, BuyerIdentity buyer, ScannedCodeKind kind, Money total,
            SplitPolicy split) {
        PaymentChannel wallet = wallet(kind);
        // N-2: an unmatched, fully self-paid or class C line keeps the whole sale off the account.
        boolean accountAllowed = eligibility.insuranceAllowed() && buyer != null && buyer.insuranceBound();
        if (!accountAllowed) {
            return wallet != null ? Route.channel(wallet, total, false) : Route.refused(FailureKind.NEEDS_PAYMENT_CODE);
        }
        Money balance = buyer.accountBalance();
        if (balance == null || !balance.lessThan(total)) {
            // Unknown balance: the platform decides; a short answer is handled like a known short balance.
            return Route.insurance(wallet);
        }
        if (split == SplitPolicy.ACCOUNT_THEN_CHANNEL && balance.isPositive()) {
            // The account pays what it can, the channel the rest; without a wallet there is no "rest".
            return wallet != null ? Route.insurance(wallet) : Route.refused(FailureKind.NEEDS_PAYMENT_CODE);
        }
        // N-1: balance short => the whole amount by Alipay/WeChat.
        return wallet != null ? Route.channel(wallet, total, true) : Route.refused(FailureKind.NEEDS_PAYMENT_CODE);
    }

    /** True when a scan may be sent to a gateway at all (never garbage, never a drug barcode). */
    public static boolean settles(ScannedCodeKind kind) {
        return kind == ScannedCodeKind.ALIPAY_PAYMENT_CODE || kind == ScannedCodeKind.WECHAT_PAYMENT_CODE
                || kind == ScannedCodeKind.INSURANCE_EVOUCHER;
    }
}
