package org.medpay.catalogue;

/** Which key of a drug a query matched; earlier fields rank first within the same {@link MatchRank}. */
public enum MatchField {
    BARCODE, PHARMACY_CODE, NATIONAL_CODE, PINYIN, NAME
}
