package org.medpay.core.scan;

/** What a scanned text turned out to be. Only the payment and e-voucher kinds may reach a gateway. */
public enum ScannedCodeKind {
    ALIPAY_PAYMENT_CODE,
    WECHAT_PAYMENT_CODE,
    UNIONPAY_PAYMENT_CODE,
    /** 医保电子凭证: recognised by exclusion, its format is not published. */
    INSURANCE_EVOUCHER,
    DRUG_BARCODE_EAN13,
    DRUG_GS1_DATAMATRIX,
    GARBAGE;

    public boolean isPaymentCode() {
        return this == ALIPAY_PAYMENT_CODE || this == WECHAT_PAYMENT_CODE || this == UNIONPAY_PAYMENT_CODE;
    }

    /** May identify a buyer at the till (P-11). */
    public boolean identifiesBuyer() {
        return isPaymentCode() || this == INSURANCE_EVOUCHER;
    }

    public boolean isDrugCode() {
        return this == DRUG_BARCODE_EAN13 || this == DRUG_GS1_DATAMATRIX;
    }
}
