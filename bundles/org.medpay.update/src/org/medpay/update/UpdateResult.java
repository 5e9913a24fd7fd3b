package org.medpay.update;

/** How an install ended. */
public record UpdateResult(Status status, String detail) {

    public enum Status {
        /** Installed; the new bundles run after a restart. */
        INSTALLED,
        /** An {@link UpdateGuard} said not now; nothing was changed. */
        REFUSED,
        /** p2 failed (download, disk, ...); p2 rolls the profile back, so the installation is unchanged. */
        FAILED
    }
}
