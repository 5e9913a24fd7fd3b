package org.medpay.gateway.api;

/**
 * The two ways a platform call can go wrong, kept apart because the right reaction is opposite: after a
 * definite failure the cashier may try again; after an unknown outcome nothing may be tried again until
 * the first call's fate is known.
 */
public abstract sealed class GatewayException extends Exception
        permits GatewayException.DefiniteFailure, GatewayException.UnknownOutcome {

    private static final long serialVersionUID = 1L;

    protected GatewayException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The platform answered no: nothing was booked, charged or refunded by this call. */
    public static final class DefiniteFailure extends GatewayException {
        private static final long serialVersionUID = 1L;
        private final FailureReason reason;
        private final String platformCode;
        private final String platformMessage;

        public DefiniteFailure(FailureReason reason, String platformCode, String platformMessage) {
            super(reason + " [" + platformCode + "] " + platformMessage, null);
            this.reason = reason;
            this.platformCode = platformCode == null ? "" : platformCode;
            this.platformMessage = platformMessage == null ? "" : platformMessage;
        }

        public FailureReason reason() {
            return reason;
        }

        /** The platform's own code, e.g. {@code ACQ.PAYMENT_AUTH_CODE_INVALID} or {@code -1}. */
        public String platformCode() {
            return platformCode;
        }

        /** The platform's own words ({@code err_msg}, {@code sub_msg}), shown to the cashier as they are. */
        public String platformMessage() {
            return platformMessage;
        }
    }

    /** Nobody knows whether the call took effect. */
    public static final class UnknownOutcome extends GatewayException {
        private static final long serialVersionUID = 1L;
        private final UnknownCause kind;

        public UnknownOutcome(UnknownCause kind, String detail, Throwable cause) {
            super(kind + ": " + detail, cause);
            this.kind = kind;
        }

        public UnknownCause kind() {
            return kind;
        }
    }

    public enum UnknownCause {
        TIMEOUT, CONNECTION_LOST, SERVER_ERROR, PLATFORM_SYSTEM_ERROR, MALFORMED_RESPONSE, GATEWAY_UNAVAILABLE
    }
}
