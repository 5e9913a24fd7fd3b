package org.medpay.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.EntityManagerFactory;

import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.medpay.gateway.api.RegionGateway;

/**
 * The child JVM's side of a fault harness: the product's pieces wired by hand outside OSGi, on one plain
 * class path (so one class loader serves every persistence unit and the sandbox's internal gateway).
 */
public final class ChildRuntime {

    private ChildRuntime() {
    }

    /** The child's data folder, created; Derby's log goes there. */
    public static Path dataDir(String dir) throws Exception {
        Path data = Path.of(dir);
        Files.createDirectories(data);
        System.setProperty("derby.stream.error.file", data.resolve("derby.log").toString());
        return data;
    }

    /** Persistence unit {@code unit} on the embedded Derby in {@code data}/db, tables created or extended. */
    public static EntityManagerFactory emf(String unit, Path data) {
        Map<String, Object> props = new HashMap<>();
        props.put(PersistenceUnitProperties.JDBC_URL, "jdbc:derby:" + data.resolve("db").toAbsolutePath() + ";create=true");
        props.put(PersistenceUnitProperties.JDBC_DRIVER, "org.apache.derby.jdbc.EmbeddedDriver");
        props.put(PersistenceUnitProperties.DDL_GENERATION, "create-or-extend-tables");
        props.put(PersistenceUnitProperties.DDL_GENERATION_MODE, PersistenceUnitProperties.DDL_DATABASE_GENERATION);
        props.put(PersistenceUnitProperties.WEAVING, "false");
        props.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
        props.put(PersistenceUnitProperties.CLASSLOADER, ChildRuntime.class.getClassLoader());
        EntityManagerFactory emf = new PersistenceProvider().createEntityManagerFactory(unit, props);
        if (emf == null) {
            throw new IllegalStateException("persistence unit " + unit + " not found on the class path");
        }
        return emf;
    }

    /** The real sandbox gateway (its class is internal to its bundle) over HTTP to the simulator at {@code url}. */
    public static RegionGateway sandboxGateway(String url) throws Exception {
        return sandboxGateway(url, Map.of());
    }

    /** As {@link #sandboxGateway(String)}, with more of the gateway's configuration ({@code policy.*}). */
    public static RegionGateway sandboxGateway(String url, Map<String, ?> more) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("simulatorUrl", url);
        props.put("requestTimeoutMillis", "1500");
        props.put("connectTimeoutMillis", "1000");
        props.putAll(more);
        return (RegionGateway) Class.forName("org.medpay.gateway.sandbox.internal.SandboxGateway")
                .getConstructor(Map.class, Clock.class).newInstance(props, Clock.systemUTC());
    }

    /** The simulator's ledger as it answers {@code GET /sim/ledger} (JSON). */
    public static String ledgerJson(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create(url + "/sim/ledger")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }
}
