package org.medpay.gateway.api;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;

/**
 * Who is paying, as the platform sees them.
 *
 * @param insuranceBound   the phone is bound to an electronic social-security card (N-1)
 * @param personNo         {@code psn_no}, when bound
 * @param certType         {@code mdtrt_cert_type}: 01 e-voucher, 02 ID card, 03 card
 * @param certNo           {@code mdtrt_cert_no} (the e-voucher token), secret: mask when shown
 * @param name             the insured person's name, when the platform gives it
 * @param accountBalance   personal account balance when known, else {@code null}
 * @param channel          the wallet of the payment code (Alipay/WeChat), {@code null} for an e-voucher
 * @param paymentCode      the scanned payment code for the channel leg, {@code null} for an e-voucher
 */
public record BuyerIdentity(boolean insuranceBound, String personNo, String certType, String certNo, String name,
        Money accountBalance, PaymentChannel channel, String paymentCode, String insuredRegion) {

    @Override
    public String toString() {
        return "BuyerIdentity[bound=" + insuranceBound + ", channel=" + channel + ", personNo="
                + org.medpay.core.scan.Masking.mask(personNo) + ", balance=" + accountBalance + "]";
    }
}
