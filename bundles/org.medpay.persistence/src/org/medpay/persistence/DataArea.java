package org.medpay.persistence;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the workstation keeps its data: the database, exports, logs. Never the install folder, which IT
 * replaces on update and a cashier's account may not write.
 */
public final class DataArea {

    /** System or framework property that overrides everything (tests and benchmarks use it). */
    public static final String PROPERTY = "medpay.data.dir";

    private DataArea() {
    }

    /**
     * @param properties looks a property up (the framework's, falling back to the system's)
     */
    public static Path resolve(UnaryOperator<String> properties) {
        String explicit = properties.apply(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = System.getProperty("os.name", "").toLowerCase();
        if (os.startsWith("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            if (local != null && !local.isBlank()) {
                return Path.of(local, "MedPay");
            }
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "medpay");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "medpay");
    }
}
