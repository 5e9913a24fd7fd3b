package org.medpay.testing;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * A plain class path made of the very bundles this test runtime runs (jars from the target platform,
 * class folders of the reactor's modules, this bundle among them), so a child JVM runs the same classes
 * outside OSGi.
 */
public final class HarnessClasspath {

    private HarnessClasspath() {
    }

    /** @param ctx a started bundle's context (this bundle is not started in a test runtime) */
    public static String build(BundleContext ctx) {
        Set<String> entries = new LinkedHashSet<>();
        for (Bundle b : ctx.getBundles()) {
            if (b.getBundleId() == 0) {
                continue;
            }
            String loc = b.getLocation();
            int i = loc.indexOf("file:");
            if (i < 0) {
                continue;
            }
            String path = loc.substring(i + 5);
            Path p = Path.of(path.startsWith("/") ? path : base().resolve(path).normalize().toString());
            if (Files.isDirectory(p)) {
                // A reactor module in dev mode: its classes are in target/classes, its META-INF at the root.
                for (String sub : new String[] { "target/classes", "target/test-classes", "bin" }) {
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

    /** Equinox resolves relative bundle locations against its install area (Tycho: target/work). */
    private static Path base() {
        for (String key : new String[] { "osgi.configuration.area", "osgi.install.area" }) {
            String v = System.getProperty(key);
            if (v != null && v.startsWith("file:")) {
                Path p = Path.of(URI.create(v.replace(" ", "%20")));
                return key.equals("osgi.configuration.area") ? p.getParent() : p;
            }
        }
        return Path.of("target", "work").toAbsolutePath();
    }

    /** The java launcher of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
