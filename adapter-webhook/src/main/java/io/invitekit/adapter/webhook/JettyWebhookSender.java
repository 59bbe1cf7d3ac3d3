package io.invitekit.adapter.webhook;

import io.invitekit.application.port.out.WebhookSender;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WebhookSender} over Jetty's HTTP client. One client, shared by every thread that sends,
 * stopped by {@link #close()}. Its rules:
 * <ul>
 *   <li>the host is resolved once by a {@link GuardedSocketAddressResolver}: unless
 *       {@link Settings#allowPrivate()}, loopback, private, link-local, metadata and the other
 *       ranges {@link AddressGuard} names are dropped, and the connection goes to an address that
 *       was checked (no rebinding between the check and the connect);</li>
 *   <li>no redirect is followed and no authentication challenge answered: a 3xx is a failed
 *       delivery carrying its status; no cookie is kept between requests;</li>
 *   <li>connect and total timeouts; the response body is read and thrown away, at most
 *       {@link Settings#maxResponseBytes()} of it (past that the exchange is cut, the status kept);</li>
 *   <li>nothing about a request is logged but its host and outcome: its headers carry signatures.</li>
 * </ul>
 * Never throws for a failed delivery: refusals, timeouts and connection failures are {@link Result}s.
 */
public final class JettyWebhookSender implements WebhookSender, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JettyWebhookSender.class);
    private static final String USER_AGENT = "Invitekit-Webhooks";
    private static final String JSON = "application/json";

    private final Settings settings;
    private final HttpClient client;

    /**
     * How the sender behaves. {@code allowPrivate} lets webhooks reach loopback and private
     * addresses (tests, or a deployment whose receivers live on its own network).
     */
    public record Settings(Duration connectTimeout, Duration totalTimeout, boolean allowPrivate, int maxResponseBytes) {
        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(totalTimeout, "totalTimeout");
            if (connectTimeout.isNegative() || connectTimeout.isZero() || totalTimeout.isNegative() || totalTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (maxResponseBytes < 0) {
                throw new IllegalArgumentException("maxResponseBytes must not be negative");
            }
        }

        /** Connect within 5 s, answer within 10 s, public targets only, 4 KiB of response read. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), false, 4096);
        }

        public Settings withAllowPrivate(boolean allow) {
            return new Settings(connectTimeout, totalTimeout, allow, maxResponseBytes);
        }

        public Settings withTimeouts(Duration connect, Duration total) {
            return new Settings(connect, total, allowPrivate, maxResponseBytes);
        }
    }

    /** Finds a host's addresses; the system's DNS unless a test or an embedder passes another. */
    @FunctionalInterface
    public interface HostLookup {
        InetAddress[] lookup(String host) throws UnknownHostException;

        static HostLookup system() {
            return InetAddress::getAllByName;
        }
    }

    public JettyWebhookSender(Settings settings) {
        this(settings, HostLookup.system());
    }

    public JettyWebhookSender(Settings settings, HostLookup lookup) {
        this.settings = Objects.requireNonNull(settings, "settings");
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("invitekit-webhook");
        threads.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setSocketAddressResolver(new GuardedSocketAddressResolver(lookup, settings.allowPrivate(), threads));
        http.setFollowRedirects(false);
        http.setHttpCookieStore(new HttpCookieStore.Empty());
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        http.setIdleTimeout(settings.totalTimeout().toMillis());
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, USER_AGENT));
        // Redirects, authentication challenges, 100-continue and upgrades: none of them is handled,
        // each response is just a status.
        http.getProtocolHandlers().clear();
        try {
            http.start();
        } catch (Exception failed) {
            throw new IllegalStateException("the webhook HTTP client did not start", failed);
        }
        this.client = http;
    }

    @Override
    public Result send(Request request) {
        long started = System.nanoTime();
        String scheme = request.url().getScheme() == null ? "" : request.url().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || request.url().getHost() == null) {
            return outcome(request, started, null, "the URL is not an http or https URL with a host");
        }
        String contentType = JSON;
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("content-type")) {
                contentType = header.getValue();
            }
        }
        Listener listener = new Listener(settings.maxResponseBytes());
        org.eclipse.jetty.client.Request exchange;
        try {
            exchange = client.newRequest(request.url())
                    .method(HttpMethod.POST)
                    .followRedirects(false)
                    .timeout(settings.totalTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .headers(headers -> request.headers().forEach((name, value) -> {
                        if (!name.equalsIgnoreCase("content-type")) {
                            headers.put(name, value);
                        }
                    }))
                    .body(new BytesRequestContent(contentType, request.body()));
        } catch (IllegalArgumentException invalid) {
            return outcome(request, started, null, "the request could not be built");
        }
        exchange.send(listener);
        org.eclipse.jetty.client.Result result;
        try {
            // Jetty enforces the total timeout; this wait only guards against an exchange that never completes.
            result = listener.done.get(settings.totalTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            exchange.abort(stuck);
            return outcome(request, started, listener.status(), "no complete answer within " + seconds(settings.totalTimeout()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            exchange.abort(interrupted);
            return outcome(request, started, listener.status(), "interrupted");
        } catch (ExecutionException impossible) {
            return outcome(request, started, listener.status(), describe(impossible.getCause()));
        }
        Throwable failure = result.getFailure();
        if (failure == null || failure instanceof ResponseTooLarge) {
            return outcome(request, started, listener.status(), null);
        }
        return outcome(request, started, listener.status(), describe(failure));
    }

    private Result outcome(Request request, long started, Integer status, String error) {
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        if (LOG.isDebugEnabled()) {
            // The host only: the path and query may carry a receiver's token, the headers carry signatures.
            LOG.debug("Webhook to {}: {} in {} ms", request.url().getHost(), status != null ? status : error, latency.toMillis());
        }
        return new Result(status, latency, error);
    }

    /** Words for a failure, without the URL, headers or body. */
    private String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TargetNotAllowedException) {
                return TargetNotAllowedException.MESSAGE;
            }
            if (cause instanceof UnknownHostException) {
                return "the host name could not be resolved";
            }
            if (cause instanceof SocketTimeoutException) {
                return "no connection within " + seconds(settings.connectTimeout());
            }
            if (cause instanceof TimeoutException) {
                return "no complete answer within " + seconds(settings.totalTimeout());
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof SSLException) {
                return "the TLS handshake failed";
            }
            if (cause instanceof EOFException) {
                return "the connection was closed before an answer";
            }
        }
        return "the request failed (" + failure.getClass().getSimpleName() + ")";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Stops the client: in-flight requests fail, later sends are refused by Jetty. */
    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception failed) {
            LOG.warn("The webhook HTTP client did not stop cleanly ({})", failed.getClass().getSimpleName());
        }
    }

    /** The body went past the cap: the receiver's status stands, the rest is not read. */
    private static final class ResponseTooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        ResponseTooLarge() {
            super("response body past the cap", null, false, false);
        }
    }

    /** Keeps the status, throws the body away (counting it), completes when the exchange does. */
    private static final class Listener implements Response.Listener {
        private final int maxBytes;
        private final CompletableFuture<org.eclipse.jetty.client.Result> done = new CompletableFuture<>();
        private volatile int status;
        private long received;

        Listener(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        Integer status() {
            int known = status;
            return known > 0 ? known : null;
        }

        @Override
        public void onBegin(Response response) {
            status = response.getStatus();
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            received += content.remaining();
            content.position(content.limit());
            if (received > maxBytes) {
                response.abort(new ResponseTooLarge());
            }
        }

        @Override
        public void onComplete(org.eclipse.jetty.client.Result result) {
            done.complete(result);
        }
    }
}
