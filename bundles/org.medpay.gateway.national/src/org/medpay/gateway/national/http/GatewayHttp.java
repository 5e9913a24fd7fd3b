package org.medpay.gateway.national.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.medpay.gateway.api.FailureReason;
import org.medpay.gateway.api.GatewayException;
import org.medpay.gateway.api.GatewayException.UnknownCause;

/**
 * One Jetty HTTP client for a gateway, with the error mapping every platform client shares: whatever
 * happens after the request may have left the till (timeout, lost connection, 5xx) is an
 * {@link GatewayException.UnknownOutcome}; only an answer that clearly says "refused" is definite.
 *
 * <p>TLS peers are verified with the JVM's trust store and host-name check ({@link SslContextFactory.Client}
 * defaults; nothing trusts all). Plain {@code http} is refused unless {@code allowInsecureLoopback} is set
 * AND the host is a loopback address: that is for tests against the simulator only.
 */
public final class GatewayHttp implements AutoCloseable {

    /**
     * @param connectTimeout        TCP/TLS connect limit
     * @param requestTimeout        total limit of one call; beyond it the outcome is unknown (TIMEOUT)
     * @param allowInsecureLoopback accept {@code http://127.0.0.1...} (tests, the embedded sandbox)
     * @param trustStore            a PKCS#12 trust store for platforms signed by a private CA (several
     *                              provincial platforms are); {@code null}: the JVM's default trust store
     * @param trustStorePassword    its password, {@code null} when none
     */
    public record Settings(Duration connectTimeout, Duration requestTimeout, boolean allowInsecureLoopback,
            String trustStore, String trustStorePassword) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(15), false, null,
                null);

        public Settings(Duration connectTimeout, Duration requestTimeout, boolean allowInsecureLoopback) {
            this(connectTimeout, requestTimeout, allowInsecureLoopback, null, null);
        }

        @Override
        public String toString() {
            return "Settings[" + connectTimeout + ", " + requestTimeout + ", insecureLoopback=" + allowInsecureLoopback
                    + ", trustStore=" + trustStore + "]";
        }
    }

    /** An HTTP answer with a status below 500 (5xx is already an unknown outcome). */
    public record Reply(int status, String body, String contentType) {
    }

    private final HttpClient client;
    private final Settings settings;

    public GatewayHttp(Settings settings) {
        this.settings = settings;
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setEndpointIdentificationAlgorithm("HTTPS");
        if (settings.trustStore() != null && !settings.trustStore().isBlank()) {
            // Replaces, not extends, the default trust: the platform's CA is the only one it needs.
            ssl.setTrustStorePath(settings.trustStore());
            ssl.setTrustStoreType("PKCS12");
            if (settings.trustStorePassword() != null) {
                ssl.setTrustStorePassword(settings.trustStorePassword());
            }
        }
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        connector.setConnectTimeout(settings.connectTimeout());
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("medpay-gateway-http");
        pool.setDaemon(true);
        connector.setExecutor(pool);
        client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(pool);
        client.setFollowRedirects(false);
        client.setConnectTimeout(settings.connectTimeout().toMillis());
        client.setUserAgentField(null);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client", e);
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Refuses endpoints the settings do not allow; called when a gateway is configured, not per call. */
    public void checkEndpoint(URI uri) {
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + uri);
        }
        String scheme = uri.getScheme().toLowerCase();
        if ("https".equals(scheme)) {
            return;
        }
        if (!"http".equals(scheme)) {
            throw new IllegalArgumentException("unsupported scheme: " + uri);
        }
        if (!settings.allowInsecureLoopback()) {
            throw new IllegalArgumentException("plain http is refused (payment data must travel over TLS): " + uri);
        }
        try {
            if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("plain http is allowed for loopback test servers only: " + uri);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host: " + uri, e);
        }
    }

    public Reply post(URI uri, String contentType, String body, Map<String, String> headers)
            throws GatewayException {
        checkEndpoint(uri);
        Request req = client.newRequest(uri).method(HttpMethod.POST)
                .body(new BytesRequestContent(contentType, body.getBytes(StandardCharsets.UTF_8)))
                .timeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        req.headers(h -> headers.forEach(h::put));
        ContentResponse resp;
        try {
            resp = req.send();
        } catch (TimeoutException e) {
            throw new GatewayException.UnknownOutcome(UnknownCause.TIMEOUT,
                    "no answer within " + settings.requestTimeout().toMillis() + " ms from " + uri.getHost(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException.UnknownOutcome(UnknownCause.CONNECTION_LOST, "interrupted while waiting", e);
        } catch (ExecutionException e) {
            throw mapFailure(uri, e.getCause() == null ? e : e.getCause());
        }
        int status = resp.getStatus();
        if (status >= 500 || status == 408 || status == 429) {
            throw new GatewayException.UnknownOutcome(UnknownCause.SERVER_ERROR, "HTTP " + status + " from "
                    + uri.getHost(), null);
        }
        if (status >= 300) {
            // The platform (or its gateway) refused the request as such: nothing was booked.
            throw new GatewayException.DefiniteFailure(FailureReason.REJECTED, "HTTP " + status,
                    "平台拒绝了请求 (HTTP " + status + ")");
        }
        return new Reply(status, resp.getContentAsString(), resp.getMediaType());
    }

    static GatewayException mapFailure(URI uri, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return new GatewayException.UnknownOutcome(UnknownCause.TIMEOUT, "timed out: " + uri.getHost(), cause);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                // Nothing reached the platform, but "unavailable" is still treated as unknown: the
                // caller's recovery (query/reverse) is the same and harmless.
                return new GatewayException.UnknownOutcome(UnknownCause.GATEWAY_UNAVAILABLE,
                        "cannot connect to " + uri.getHost() + ": " + t.getMessage(), cause);
            }
            if (t instanceof javax.net.ssl.SSLHandshakeException) {
                return new GatewayException.UnknownOutcome(UnknownCause.GATEWAY_UNAVAILABLE,
                        "TLS handshake with " + uri.getHost() + " failed: " + t.getMessage(), cause);
            }
        }
        if (cause instanceof IOException || cause.getCause() instanceof IOException) {
            return new GatewayException.UnknownOutcome(UnknownCause.CONNECTION_LOST,
                    "connection to " + uri.getHost() + " lost: " + cause, cause);
        }
        return new GatewayException.UnknownOutcome(UnknownCause.CONNECTION_LOST,
                "call to " + uri.getHost() + " failed: " + cause, cause);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // closing on shutdown: nothing left to do
        }
    }
}
