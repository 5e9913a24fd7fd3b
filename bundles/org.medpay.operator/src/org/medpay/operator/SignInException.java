package org.medpay.operator;

import java.time.Instant;
import java.util.Optional;

/**
 * Why a sign-in or a supervisor check was refused. The reasons are deliberately coarse: an unknown code and
 * a wrong PIN look the same, so the screen does not tell a stranger which operator codes exist.
 */
public class SignInException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Unknown operator code or wrong PIN. */
        WRONG_CODE_OR_PIN,
        /** Too many wrong PINs: locked until {@link SignInException#lockedUntil()}. */
        LOCKED,
        /** The account has been disabled by an administrator. */
        DISABLED,
        /** The PIN is right but the operator may not approve refunds. */
        NOT_SUPERVISOR,
        /** The operator store could not be reached; nothing was decided. */
        UNAVAILABLE
    }

    private final Reason reason;
    private final transient Instant lockedUntil;
    private final int attemptsLeft;

    public SignInException(Reason reason, Instant lockedUntil, int attemptsLeft) {
        super(reason + (lockedUntil != null ? " until " + lockedUntil : "")
                + (attemptsLeft >= 0 ? ", attempts left: " + attemptsLeft : ""));
        this.reason = reason;
        this.lockedUntil = lockedUntil;
        this.attemptsLeft = attemptsLeft;
    }

    public Reason reason() {
        return reason;
    }

    /** When a {@link Reason#LOCKED} account opens again. */
    public Optional<Instant> lockedUntil() {
        return Optional.ofNullable(lockedUntil);
    }

    /** Wrong PINs left before the lock-out, or -1 when not meaningful (unknown code, other reasons). */
    public int attemptsLeft() {
        return attemptsLeft;
    }
}
