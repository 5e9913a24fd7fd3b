package org.medpay.testing;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real services of the test runtime, as DS publishes them. This bundle is not started in a test runtime,
 * so the callers pass a class of theirs: its bundle's context is used.
 */
public final class Services {

    /** How long a test waits for DS by default. */
    public static final long WAIT_MILLIS = 30_000;

    private Services() {
    }

    public static BundleContext context(Class<?> anchor) {
        return FrameworkUtil.getBundle(anchor).getBundleContext();
    }

    /**
     * The first service of {@code type} matching {@code filter} (an LDAP filter, or "" for any), waiting up to
     * {@code millis}; {@code null} when none came.
     */
    public static <T> T await(BundleContext ctx, Class<T> type, String filter, long millis)
            throws InterruptedException {
        ServiceTracker<T, T> tracker;
        try {
            tracker = new ServiceTracker<>(ctx, ctx.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"),
                    null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
        tracker.open();
        return type.cast(tracker.waitForService(millis));
    }

    /** As {@link #await}, but the test fails when no such service is published within {@code millis}. */
    public static <T> T require(BundleContext ctx, Class<T> type, String filter, long millis)
            throws InterruptedException {
        T s = await(ctx, type, filter, millis);
        if (s == null) {
            throw new AssertionError("no " + type.getName() + (filter.isEmpty() ? "" : " " + filter) + " within "
                    + millis / 1000 + " s");
        }
        return s;
    }

    public static <T> T require(BundleContext ctx, Class<T> type) throws InterruptedException {
        return require(ctx, type, "", WAIT_MILLIS);
    }

    /** Replaces the configuration of {@code pid} (any location) with {@code values}, as an administrator would. */
    public static Configuration configure(BundleContext ctx, String pid, Map<String, ?> values) throws Exception {
        ConfigurationAdmin ca = require(ctx, ConfigurationAdmin.class, "", 20_000);
        Configuration c = ca.getConfiguration(pid, "?");
        Dictionary<String, Object> d = new Hashtable<>(values);
        c.update(d);
        return c;
    }
}
