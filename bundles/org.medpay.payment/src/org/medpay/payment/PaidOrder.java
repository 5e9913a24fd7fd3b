package org.medpay.payment;

import org.medpay.core.money.Money;
import org.medpay.core.sale.PaymentChannel;

/**
 * A paid attempt as the refund side needs it. Amounts are fen; a leg that did not take part has amount
 * zero and {@code null} references.
 *
 * @param orderNo        the transaction number (attempt number, also the channel {@code out_trade_no})
 * @param paidAtMillis   when the attempt was started (the sale's time for the cashier)
 * @param personNo       {@code psn_no} of the insurance leg; full value, never for logs (mask it)
 * @param maskedCode     the scanned payment code or e-voucher, already masked
 * @param insurance      what the personal account paid (2102)
 * @param channel        ALIPAY / WECHAT, {@code null} when no channel leg
 * @param channelAmount  what Alipay/WeChat paid
 */
public record PaidOrder(String orderNo, String saleId, String region, long paidAtMillis, Money total,
        String maskedCode, String personNo, String settlementId, String visitId, Money insurance,
        PaymentChannel channel, String outTradeNo, Money channelAmount) {

    public boolean hasInsuranceLeg() {
        return insurance.isPositive() && settlementId != null;
    }

    public boolean hasChannelLeg() {
        return channel != null && channelAmount.isPositive();
    }
}
