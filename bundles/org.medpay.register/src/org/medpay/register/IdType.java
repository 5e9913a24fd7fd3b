package org.medpay.register;

/** The identity documents a buyer may show. Only the resident ID has a check digit we can verify. */
public enum IdType {
    /** 居民身份证: 18 characters, ISO 7064 MOD 11-2 check character. */
    RESIDENT_ID,
    /** 港澳台居民来往内地通行证 / 居住证. */
    HK_MACAO_TAIWAN_PERMIT,
    /** 护照. */
    PASSPORT,
    /** 外国人永久居留身份证. */
    FOREIGNER_PERMANENT_ID
}
