package org.medpay.core.sale;

/** Where the money of one payment leg comes from. */
public enum PaymentChannel {
    /** The buyer's medical-insurance personal account (个人账户), settled with the regional platform. */
    INSURANCE_ACCOUNT,
    ALIPAY,
    WECHAT;

    public boolean isMobileWallet() {
        return this == ALIPAY || this == WECHAT;
    }
}
