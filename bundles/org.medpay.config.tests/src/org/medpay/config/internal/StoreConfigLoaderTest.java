package org.medpay.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/** Store configuration files reach the real Felix Config Admin, once, and again only when they change. */
class StoreConfigLoaderTest {

    @TempDir
    Path folder;

    @Test
    void filesBecomeConfigurationsAndUnchangedFilesChangeNothing() throws Exception {
        var bc = FrameworkUtil.getBundle(StoreConfigLoader.class).getBundleContext();
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> t = new ServiceTracker<>(bc, ConfigurationAdmin.class, null);
        t.open();
        ConfigurationAdmin admin = t.waitForService(20_000);
        assertNotNull(admin);
        String pid = "org.medpay.test.store";
        Files.writeString(folder.resolve(pid + ".cfg"), "# 成都 store\nregion = 510100\nname=成都一店\n",
                StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("ignored.txt"), "region=1", StandardCharsets.UTF_8);

        assertEquals(1, StoreConfigLoader.loadFolder(admin, folder));
        var props = admin.getConfiguration(pid, "?").getProperties();
        assertEquals("510100", props.get("region"));
        assertEquals("成都一店", props.get("name"));

        assertEquals(0, StoreConfigLoader.loadFolder(admin, folder), "same values: no update, no restart");

        Files.writeString(folder.resolve(pid + ".cfg"), "region=999999\nname=成都一店\n", StandardCharsets.UTF_8);
        assertEquals(1, StoreConfigLoader.loadFolder(admin, folder));
        assertEquals("999999", admin.getConfiguration(pid, "?").getProperties().get("region"));
        assertEquals(0, StoreConfigLoader.loadFolder(admin, folder.resolve("missing")));
    }
}
