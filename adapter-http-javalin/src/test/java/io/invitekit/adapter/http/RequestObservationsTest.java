package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.InvitekitAuthentication.Caller;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.domain.account.UserId;
import io.javalin.Javalin;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin's request observations (server spans, under a tracing handler), in a host's Javalin
 * under a path: named by route template, never by the path; only for Invitekit's own paths; every
 * scope opened is closed.
 */
class RequestObservationsTest {
    private static final Caller ADMIN = Caller.of(Actor.platformAdmin(new UserId(UUID.randomUUID())));

    private final BlockingQueue<Observation.Context> stopped = new LinkedBlockingQueue<>();
    private final AtomicInteger scopesOpened = new AtomicInteger();
    private final AtomicInteger scopesClosed = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Javalin host;

    @BeforeEach
    void start() {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onScopeOpened(Observation.Context context) {
                scopesOpened.incrementAndGet();
            }

            @Override
            public void onScopeClosed(Observation.Context context) {
                scopesClosed.incrementAndGet();
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        Invitekit kit = Invitekit.builder().inMemory().build();
        host = Javalin.create(config -> {
            config.routes.get("/hello", ctx -> ctx.result("the host's own"));
            config.registerPlugin(new InvitekitPlugin(kit, invitekit -> {
                invitekit.path = "/invitekit";
                invitekit.authentication = ctx -> Optional.of(ADMIN);
                invitekit.observations = observations;
            }));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void aRequestIsAServerObservationNamedByItsRouteTemplateWithItsStatusAndRequestId() throws Exception {
        String token = "AAAAsecretTokenValueThatMustNotShowAnywhere00";
        HttpResponse<String> reply = get("/invitekit/api/platform/tenant-invitations/token/" + token);

        Observation.Context request = next();
        assertThat(request).isInstanceOf(ReceiverContext.class);
        assertThat(((ReceiverContext<?>) request).getKind()).isEqualTo(Kind.SERVER);
        assertThat(request.getName()).isEqualTo(HttpObservations.NAME);
        assertThat(request.getContextualName()).isEqualTo("GET /invitekit/api/platform/tenant-invitations/token/{token}");
        Map<String, String> values = keyValues(request);
        assertThat(values).containsEntry("http.route", "/invitekit/api/platform/tenant-invitations/token/{token}")
                .containsEntry("http.request.method", "GET")
                .containsEntry("http.response.status_code", Integer.toString(reply.statusCode()))
                .containsEntry("invitekit.request_id", reply.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(values.values()).noneMatch(value -> value.contains(token));
        assertThat(scopesClosed.get()).isEqualTo(scopesOpened.get()).isPositive();
    }

    @Test
    void aPathNoRouteMatchesIsNamedByTheTemplateThatAnsweredItAndTheHostsRoutesAreNotObserved() throws Exception {
        assertThat(get("/hello").statusCode()).isEqualTo(200);
        assertThat(get("/invitekit/api/no-such-thing/secret-code").statusCode()).isEqualTo(404);

        Observation.Context unmatched = next();
        // The wildcard that answered with the API's 404 problem (the request metrics' route too).
        assertThat(unmatched.getContextualName()).isEqualTo("GET /invitekit/api/*");
        assertThat(keyValues(unmatched)).containsEntry("http.route", "/invitekit/api/*")
                .containsEntry("http.response.status_code", "404");
        assertThat(keyValues(unmatched).values()).noneMatch(value -> value.contains("secret-code"));
        assertThat(stopped).as("nothing for the host's /hello").isEmpty();
        assertThat(scopesClosed.get()).isEqualTo(scopesOpened.get());
    }

    /** The request observation ends in the request logger, after the answer went out: wait for it. */
    private Observation.Context next() throws InterruptedException {
        Observation.Context context = stopped.poll(30, TimeUnit.SECONDS);
        assertThat(context).as("a request observation stopped within 30 s").isNotNull();
        return context;
    }

    private static Map<String, String> keyValues(Observation.Context context) {
        return StreamSupport.stream(context.getAllKeyValues().spliterator(), false)
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
