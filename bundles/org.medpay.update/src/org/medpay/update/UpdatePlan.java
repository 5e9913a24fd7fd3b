package org.medpay.update;

import java.util.List;

/**
 * What a check found. Only a plan with {@link Status#AVAILABLE} can be installed; the p2 operation it
 * carries is resolved once, so what was shown is exactly what gets installed.
 */
public final class UpdatePlan {

    public enum Status {
        /** Nothing newer in the repositories. */
        UP_TO_DATE,
        /** {@link #changes()} lists what installing would change. */
        AVAILABLE,
        /** A repository could not be read (network down, wrong URL, server error). */
        UNREACHABLE,
        /** The feature asked for is in none of the repositories. */
        NOT_FOUND,
        /** Anything else: no p2 profile, a dependency p2 cannot satisfy, an UpdateGuard said no. */
        FAILED
    }

    private final Status status;
    private final List<UpdateChange> changes;
    private final String detail;
    private final Object operation;

    /** For the implementation; {@code operation} is opaque to everyone else. */
    public UpdatePlan(Status status, List<UpdateChange> changes, String detail, Object operation) {
        this.status = status;
        this.changes = List.copyOf(changes);
        this.detail = detail == null ? "" : detail;
        this.operation = operation;
    }

    public Status status() {
        return status;
    }

    public List<UpdateChange> changes() {
        return changes;
    }

    /** p2's own explanation (English), for the log and the "details" of a message. */
    public String detail() {
        return detail;
    }

    public Object operation() {
        return operation;
    }

    @Override
    public String toString() {
        return status + " " + changes.size() + " change(s)" + (detail.isEmpty() ? "" : ": " + detail);
    }
}
