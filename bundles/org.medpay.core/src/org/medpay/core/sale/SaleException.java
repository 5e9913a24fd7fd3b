package org.medpay.core.sale;

/** A sale change the till refuses; {@link #kind()} lets the UI pick the cashier's message. */
public class SaleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        QUANTITY_NOT_POSITIVE, QUANTITY_TOO_LARGE, TOO_MANY_LINES, NO_SUCH_LINE, TOTAL_TOO_LARGE
    }

    private final Kind kind;
    private final long value;

    public SaleException(Kind kind, long value) {
        super(kind + ": " + value);
        this.kind = kind;
        this.value = value;
    }

    public Kind kind() {
        return kind;
    }

    public long value() {
        return value;
    }
}
