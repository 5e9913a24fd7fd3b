package org.medpay.operator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator as the administration screen lists them. Never carries the PIN or its hash.
 *
 * @param enabled        false once an administrator deactivated the code (sign-in refused: DISABLED)
 * @param locked         true while a lock-out after {@value OperatorService#MAX_FAILURES} wrong PINs lasts
 * @param lockedUntil    when that lock-out ends; {@code null} when not locked
 * @param failedAttempts wrong PINs in a row so far
 */
public record OperatorAccount(String code, String name, Role role, boolean enabled, boolean locked,
        Instant lockedUntil, int failedAttempts) {

    public OperatorAccount {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    public Optional<Instant> lockedUntilTime() {
        return Optional.ofNullable(lockedUntil);
    }
}
