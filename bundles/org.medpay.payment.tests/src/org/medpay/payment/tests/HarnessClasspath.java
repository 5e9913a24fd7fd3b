package org.medpay.payment.tests;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * A plain class path made of the very bundles this test runtime runs (jars from the target platform,
 * class folders of the reactor's modules), so a child JVM runs the same classes outside OSGi.
 */
final class HarnessClasspath {

    private HarnessClasspath() {
    }

    static String build() {
        Set<String> entries = new LinkedHashSet<>();
        for (Bundle b : FrameworkUtil.getBundle(HarnessClasspath.class).getBundleContext().getBundles()) {
            if (b.getBundleId() == 0) {
                continue;
            }
            String loc = b.getLocation();
            int i = loc.indexOf("file:");
            if (i < 0) {
                continue;
            }
            Path p;
            try {
                p = Path.of(URI.create(loc.substring(i).replace(" ", "%20")));
            } catch (RuntimeException e) {
                p = Path.of(loc.substring(i + 5));
            }
            if (Files.isDirectory(p)) {
                // A reactor module in dev mode: its classes are in target/classes, its META-INF at the root.
                for (String sub : new String[] { "target/classes", "bin" }) {
                    if (Files.isDirectory(p.resolve(sub))) {
                        entries.add(p.resolve(sub).toString());
                    }
                }
                entries.add(p.toString());
            } else if (Files.isRegularFile(p)) {
                entries.add(p.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
