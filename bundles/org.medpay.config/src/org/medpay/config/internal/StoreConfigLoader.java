package org.medpay.config.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Objects;
import java.util.Properties;

import org.medpay.persistence.DataArea;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How IT sets up a till without a console: one file per Config Admin PID, {@code <PID>.cfg} (Java
 * properties, UTF-8), in the install's {@code configuration/medpay/} folder (rolled out with the product)
 * and in the data area's {@code config/} folder (this till only; it wins). Read once at start-up, in the
 * background; a configuration is only updated when its values differ, so components are not restarted
 * for nothing.
 */
@Component(immediate = true)
public final class StoreConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(StoreConfigLoader.class);

    @Activate
    public StoreConfigLoader(BundleContext context, @Reference ConfigurationAdmin admin) {
        Path dataArea = DataArea.resolve(context::getProperty);
        String install = context.getProperty("osgi.install.area");
        Thread t = new Thread(() -> {
            if (install != null && install.startsWith("file:")) {
                loadFolder(admin, Path.of(java.net.URI.create(install.replace(" ", "%20"))).resolve("configuration")
                        .resolve("medpay"));
            }
            loadFolder(admin, dataArea.resolve("config"));
        }, "medpay-config-loader");
        t.setDaemon(true);
        t.start();
    }

    static int loadFolder(ConfigurationAdmin admin, Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int applied = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.cfg")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String pid = name.substring(0, name.length() - ".cfg".length());
                try {
                    if (apply(admin, pid, read(file))) {
                        applied++;
                        LOG.info("Configuration {} set from {}", pid, file);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.error("Cannot apply configuration file {}: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.error("Cannot read configuration folder {}: {}", folder, e.toString());
        }
        return applied;
    }

    static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** @return true when the configuration changed */
    static boolean apply(ConfigurationAdmin admin, String pid, Properties values) throws IOException {
        Configuration c = admin.getConfiguration(pid, "?");
        Dictionary<String, Object> current = c.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        for (String key : values.stringPropertyNames()) {
            next.put(key, values.getProperty(key).strip());
        }
        if (current != null && sameValues(current, next)) {
            return false;
        }
        c.update(next);
        return true;
    }

    private static boolean sameValues(Dictionary<String, Object> current, Hashtable<String, Object> next) {
        int counted = 0;
        for (Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            if (k.startsWith("service.") || k.startsWith("felix.") || k.startsWith("component.")) {
                continue;
            }
            counted++;
            if (!Objects.equals(String.valueOf(current.get(k)), String.valueOf(next.get(k)))) {
                return false;
            }
        }
        return counted == next.size();
    }
}
