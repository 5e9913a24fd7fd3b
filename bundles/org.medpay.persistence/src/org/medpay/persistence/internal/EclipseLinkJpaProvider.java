package org.medpay.persistence.internal;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.EntityManagerFactory;

import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.medpay.persistence.DataArea;
import org.medpay.persistence.JpaProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstraps EclipseLink directly (no Gemini/Aries JPA): the provider is created here and given a class
 * loader that sees the caller's entities first and JDBC drivers second.
 */
@Component(service = JpaProvider.class, configurationPid = "org.medpay.persistence")
@Designate(ocd = DatabaseConfig.class)
public final class EclipseLinkJpaProvider implements JpaProvider {

    private static final Logger LOG = LoggerFactory.getLogger(EclipseLinkJpaProvider.class);

    private final String url;
    private final boolean embedded;
    private final DatabaseConfig config;

    @Activate
    public EclipseLinkJpaProvider(BundleContext context, DatabaseConfig config) throws IOException {
        this.config = config;
        if (config.url() == null || config.url().isBlank()) {
            Path dir = DataArea.resolve(key -> context.getProperty(key)).resolve("db");
            Files.createDirectories(dir.getParent());
            // Derby writes derby.log into the working directory unless told otherwise; keep it with the data.
            System.setProperty("derby.stream.error.file", dir.getParent().resolve("derby.log").toString());
            this.url = "jdbc:derby:" + dir.toAbsolutePath() + ";create=true";
            this.embedded = true;
        } else {
            this.url = config.url();
            this.embedded = false;
        }
        LOG.info("Database: {}", describeDatabase());
    }

    @Override
    public EntityManagerFactory createEntityManagerFactory(String unitName, ClassLoader entityLoader) {
        return createEntityManagerFactory(unitName, entityLoader, url);
    }

    @Override
    public EntityManagerFactory createEntityManagerFactory(String unitName, ClassLoader entityLoader, String jdbcUrl) {
        Map<String, Object> props = new HashMap<>();
        props.put(PersistenceUnitProperties.JDBC_URL, jdbcUrl);
        props.put(PersistenceUnitProperties.JDBC_DRIVER, config.driver());
        if (!config.user().isBlank()) {
            props.put(PersistenceUnitProperties.JDBC_USER, config.user());
            props.put(PersistenceUnitProperties.JDBC_PASSWORD, config._password());
        }
        props.put(PersistenceUnitProperties.DDL_GENERATION, config.ddlGeneration());
        props.put(PersistenceUnitProperties.DDL_GENERATION_MODE, PersistenceUnitProperties.DDL_DATABASE_GENERATION);
        props.put(PersistenceUnitProperties.WEAVING, "false");
        props.put(PersistenceUnitProperties.BATCH_WRITING, "JDBC");
        props.put(PersistenceUnitProperties.BATCH_WRITING_SIZE, "500");
        props.put(PersistenceUnitProperties.CONNECTION_POOL_MAX, Integer.toString(config.poolMax()));
        props.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
        props.put(PersistenceUnitProperties.LOGGING_LOGGER, "DefaultLogger");
        UnitClassLoader loader = new UnitClassLoader(entityLoader);
        props.put(PersistenceUnitProperties.CLASSLOADER, loader);
        // EclipseLink looks its XML schemas up through the context class loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            EntityManagerFactory emf = new PersistenceProvider().createEntityManagerFactory(unitName, props);
            if (emf == null) {
                throw new IllegalStateException("No persistence unit '" + unitName + "' visible to " + entityLoader);
            }
            // No connection here: EclipseLink deploys on the first EntityManager, which callers make off the
            // start-level and UI threads. Connecting at activation would put the database's start-up (and
            // schema creation) in front of the first window.
            return emf;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public String describeDatabase() {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    @Override
    public boolean isEmbedded() {
        return embedded;
    }

    /**
     * Classes from the entity bundle first, then from this bundle (which imports JDBC drivers
     * dynamically). Descriptors under META-INF — persistence.xml above all — only from the entity bundle, so
     * one unit never sees another bundle's; anything else (EclipseLink's schemas) from either.
     */
    private static final class UnitClassLoader extends ClassLoader {
        private final ClassLoader entities;

        UnitClassLoader(ClassLoader entities) {
            super(EclipseLinkJpaProvider.class.getClassLoader());
            this.entities = entities;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            try {
                return entities.loadClass(name);
            } catch (ClassNotFoundException e) {
                return super.loadClass(name, resolve);
            }
        }

        @Override
        public URL getResource(String name) {
            URL url = entities.getResource(name);
            return url != null || name.startsWith("META-INF/") ? url : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("META-INF/") ? entities.getResources(name) : super.getResources(name);
        }
    }
}
