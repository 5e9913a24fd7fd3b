package org.medpay.update;

/**
 * One installable unit an update changes.
 *
 * @param id          the p2 IU id (a bundle's symbolic name, {@code <feature>.feature.group}, the product)
 * @param fromVersion the installed version, or {@code null} when the unit is new
 * @param toVersion   the version after the update, or {@code null} when the unit goes away
 */
public record UpdateChange(String id, String fromVersion, String toVersion) {

    @Override
    public String toString() {
        return id + "  " + (fromVersion == null ? "-" : fromVersion) + " → " + (toVersion == null ? "-" : toVersion);
    }
}
