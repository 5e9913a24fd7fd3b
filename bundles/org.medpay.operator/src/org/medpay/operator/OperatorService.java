package org.medpay.operator;

import java.util.Optional;
import java.util.function.Consumer;

import org.medpay.gateway.api.OperatorRef;

/**
 * Who is at the till. A cashier signs in with an operator code and PIN before selling; the current operator
 * goes on every payment, refund and register entry and into the gateway envelope ({@code opter},
 * {@code opter_name}). PINs are kept only as salted PBKDF2 hashes; {@value #MAX_FAILURES} wrong PINs in a row
 * lock the code for {@value #LOCKOUT_MINUTES} minutes.
 *
 * <p>Sign-in and the supervisor check touch the database: call them off the UI thread.
 */
public interface OperatorService {

    int MAX_FAILURES = 5;
    int LOCKOUT_MINUTES = 15;

    /** Checks code and PIN and makes the operator the current one (replacing any other). */
    Operator signIn(String code, char[] pin) throws SignInException;

    /** Ends the current session; a no-op when nobody is signed in. */
    void signOut();

    Optional<Operator> current();

    /**
     * The current operator for the gateway envelope and the register. Payment code calls this and lets the
     * exception stop the payment: no operator, no payment.
     *
     * @throws IllegalStateException when nobody is signed in
     */
    OperatorRef requireCurrentRef();

    /**
     * Refund approval: checks a supervisor's (or admin's) code and PIN without changing the session.
     * Wrong PINs count towards the same lock-out as sign-in.
     */
    Operator verifySupervisor(String code, char[] pin) throws SignInException;

    /**
     * Adds an operator. Only an {@link Role#ADMIN} signed in may do it.
     *
     * @throws IllegalStateException    when the current operator is not an admin
     * @throws IllegalArgumentException for a code that exists, or a PIN that is not 6 to 12 digits
     */
    Operator create(String code, String name, Role role, char[] pin);

    /**
     * Every operator, active or not, ordered by code. Only an {@link Role#ADMIN} signed in may list them.
     *
     * @throws IllegalStateException when the current operator is not an admin
     */
    java.util.List<OperatorAccount> list();

    /**
     * Sets a new PIN (the operator forgot theirs) and ends any lock-out. Admin only.
     *
     * @throws IllegalStateException    when the current operator is not an admin
     * @throws IllegalArgumentException for an unknown code, or a PIN that is not 6 to 12 digits
     */
    void resetPin(String code, char[] newPin);

    /**
     * Ends a lock-out after {@value #MAX_FAILURES} wrong PINs before its {@value #LOCKOUT_MINUTES} minutes are
     * up, and clears the count of wrong PINs. Admin only.
     *
     * @throws IllegalStateException    when the current operator is not an admin
     * @throws IllegalArgumentException for an unknown code
     */
    void unlock(String code);

    /**
     * Deactivates an operator (they left, or their code was misused): sign-in and supervisor checks answer
     * {@link SignInException.Reason#DISABLED}; the code stays, with its history, and is never reused. Admin
     * only; an administrator cannot deactivate themselves (a till must keep someone who can manage it).
     *
     * @throws IllegalStateException    when the current operator is not an admin
     * @throws IllegalArgumentException for an unknown code, or the administrator's own code
     */
    void deactivate(String code);

    /** Undoes {@link #deactivate}. Admin only. */
    void reactivate(String code);

    /** Hears every session change (sign-in, sign-out) with the new current operator; on the caller's thread. */
    void addSessionListener(Consumer<Optional<Operator>> listener);

    void removeSessionListener(Consumer<Optional<Operator>> listener);
}
