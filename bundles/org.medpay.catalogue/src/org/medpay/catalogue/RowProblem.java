package org.medpay.catalogue;

/** One bad row of an import file: its line number (1 = the header line) and why. */
public record RowProblem(int line, Kind kind, String detail) {

    public enum Kind {
        MISSING_FIELD, BAD_PRICE, BAD_DATE, DUPLICATE_CODE, DUPLICATE_BARCODE, BAD_CLASS, BAD_RATIO, BAD_FLAG,
        UNKNOWN_DRUG, BAD_ROW, TOO_LONG, BAD_FILE
    }

    @Override
    public String toString() {
        return "line " + line + ": " + kind + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
