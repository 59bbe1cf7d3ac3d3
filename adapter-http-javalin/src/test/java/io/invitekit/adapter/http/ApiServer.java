package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.config.RateLimits;
import io.invitekit.application.inmemory.InMemoryRateLimiter;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.out.RateLimiter;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The HTTP API on a free port over in-memory ports, with a clock the test moves. Every exchange
 * is checked against openapi.yaml, so the description cannot drift from what the server does.
 */
final class ApiServer implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    /** No bearer token: the call is anonymous. */
    static final String ANONYMOUS = null;
    /** No request body. */
    static final String NO_BODY = null;
    private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("src/main/resources/invitekit/http/openapi.yaml").toUri().toString())
            .build();

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T09:00:00Z"));
    final InMemoryStorage storage = new InMemoryStorage();
    final RecordingMailSender mail = new RecordingMailSender();
    final Invitekit kit;
    final Javalin app;
    final ObjectMapper json = Json.mapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private int users;

    ApiServer() {
        this(s -> s);
    }

    /** Sign-up is limited per address, and tests sign many users up from one: they get room for that. */
    private static RateLimits roomForTests(RateLimits limits) {
        return limits.withSignupPerAddress(
                new io.invitekit.application.port.out.RateLimit("signup_address", 10_000, Duration.ofHours(1)));
    }

    ApiServer(UnaryOperator<HttpSettings> http) {
        this(http, builder -> builder);
    }

    /** @param ports more ports for the application (a payment onboarding, say) */
    ApiServer(UnaryOperator<HttpSettings> http, UnaryOperator<Invitekit.Builder> ports) {
        this(http, ports, null, limits -> limits);
    }

    /** With other application settings (verified emails required, say). */
    static ApiServer withSettings(UnaryOperator<InvitekitSettings.Builder> settings) {
        return new ApiServer(s -> s, b -> b, null, limits -> limits, settings);
    }

    /** With this limiter, made on the server's clock, for every limit the application keeps. */
    static ApiServer withLimiter(Function<Clock, RateLimiter> limiterOnClock) {
        return new ApiServer(s -> s, b -> b, limiterOnClock, limits -> limits);
    }

    /** With other limits on log-ins, sign-ups and links. */
    static ApiServer withRateLimits(UnaryOperator<RateLimits> limits) {
        return new ApiServer(s -> s, b -> b, null, limits);
    }

    /** Deployed at another base URL than {@link #BASE_URL}. */
    static ApiServer at(String baseUrl) {
        return new ApiServer(s -> s, b -> b, null, limits -> limits, settings -> settings.baseUrl(URI.create(baseUrl)));
    }

    /** Where the test server says it is deployed (its pages' origin). */
    static final String BASE_URL = "https://app.acme.test";

    private ApiServer(UnaryOperator<HttpSettings> http, UnaryOperator<Invitekit.Builder> ports,
                      Function<Clock, RateLimiter> limiterOnClock, UnaryOperator<RateLimits> limits) {
        this(http, ports, limiterOnClock, limits, settings -> settings);
    }

    private ApiServer(UnaryOperator<HttpSettings> http, UnaryOperator<Invitekit.Builder> ports,
                      Function<Clock, RateLimiter> limiterOnClock, UnaryOperator<RateLimits> limits,
                      UnaryOperator<InvitekitSettings.Builder> more) {
        InvitekitSettings settings = more.apply(InvitekitSettings.defaults().toBuilder().platformName("Acme Cloud")
                .platformDomain("acme.test").baseUrl(URI.create(BASE_URL))).build();
        URI baseUrl = settings.baseUrl();
        Invitekit.Builder builder = Invitekit.builder()
                .settings(settings.toBuilder().rateLimits(limits.apply(roomForTests(settings.rateLimits()))).build())
                .clock(clock).random(new Random(11)).storage(storage).mailSender(mail)
                .rateLimiter(limiterOnClock != null ? limiterOnClock.apply(clock) : new InMemoryRateLimiter(clock));
        kit = ports.apply(builder).inMemory().build();
        app = InvitekitHttp.create(kit, http.apply(HttpSettings.defaults(() -> storage.outbox().backlog())
                        .withBaseUrl(baseUrl)),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), config -> { })
                .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The origin the server is reached at in the test: {@code http://127.0.0.1:port}. */
    String reachedAt() {
        return base;
    }

    // ---- calls -------------------------------------------------------------------------------

    /** How much of an exchange is held to openapi.yaml. */
    enum Check {
        /** request and response: every call the API describes */
        BOTH,
        /** a request that is wrong on purpose (no token, unknown field, …): the response still is checked */
        RESPONSE,
        /** not part of the API: pages, static files, a path that does not exist */
        NONE
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, Map.of(), Check.BOTH);
    }

    Reply post(String path, String token, Object body) {
        return send("POST", path, token, body == null ? null : write(body), Map.of(), Check.BOTH);
    }

    Reply patch(String path, String token, Object body) {
        return send("PATCH", path, token, body == null ? null : write(body), Map.of(), Check.BOTH);
    }

    Reply put(String path, String token, Object body) {
        return send("PUT", path, token, body == null ? null : write(body), Map.of(), Check.BOTH);
    }

    Reply delete(String path, String token) {
        return send("DELETE", path, token, null, Map.of(), Check.BOTH);
    }

    /** A request that is wrong on purpose: only the response is held to the contract. */
    Reply raw(String method, String path, String token, String body, Map<String, String> headers) {
        return send(method, path, token, body, headers, Check.RESPONSE);
    }

    /** Something outside the API description. */
    Reply page(String path) {
        return send("GET", path, ANONYMOUS, NO_BODY, Map.of(), Check.NONE);
    }

    /** A request without a token or a body that is wrong on purpose: only the response is held to the contract. */
    Reply anonymous(String method, String path, Map<String, String> headers) {
        return send(method, path, ANONYMOUS, NO_BODY, headers, Check.RESPONSE);
    }

    /** {@code HEAD} without a token, request and response held to the contract. */
    Reply head(String path) {
        return send("HEAD", path, ANONYMOUS, NO_BODY, Map.of(), Check.BOTH);
    }

    Reply send(String method, String path, String token, String body, Map<String, String> headers, Check check) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("request failed: " + method + " " + path, e);
        }
        Reply reply = new Reply(response.statusCode(), response.headers().map(), response.body(), parse(response.body()));
        if (check != Check.NONE) {
            checkContract(method, path, token, body, headers, reply, check == Check.BOTH);
        }
        return reply;
    }

    private void checkContract(String method, String path, String token, String body, Map<String, String> headers,
                               Reply reply, boolean checkRequest) {
        URI uri = URI.create(path);
        String canonical = uri.getPath().length() > 1 && uri.getPath().endsWith("/")
                ? uri.getPath().substring(0, uri.getPath().length() - 1) : uri.getPath();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status()).withBody(reply.body());
        reply.headers().forEach((name, values) -> response.withHeader(name, values));
        ValidationReport report;
        if (checkRequest) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, canonical);
            if (uri.getQuery() != null) {
                for (String pair : uri.getQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    request.withQueryParam(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
                }
            }
            if (body != null) {
                request.withBody(body).withContentType("application/json");
            }
            if (token != null) {
                request.withAuthorization("Bearer " + token);
            }
            headers.forEach(request::withHeader);
            report = CONTRACT.validate(request.build(), response.build());
        } else {
            report = CONTRACT.validateResponse(canonical, Request.Method.valueOf(method), response.build());
        }
        assertThat(report.getMessages()).as("%s %s against openapi.yaml", method, path).isEmpty();
    }

    // ---- shortcuts --------------------------------------------------------------------------

    String adminToken() {
        kit.accounts().createFirstPlatformAdmin("root@acme.test", PASSWORD);
        return post("/api/auth/login", null, Map.of("email", "root@acme.test", "password", PASSWORD))
                .json().path("access_token").asText();
    }

    /** A new user, signed up over HTTP; returns its access token. */
    String newUserToken() {
        return signup("user" + (++users) + "@example.org").json().path("access_token").asText();
    }

    Reply signup(String email) {
        return post("/api/auth/signup", null, Map.of("email", email, "password", PASSWORD, "first_name", "Ada",
                "last_name", "Lovelace"));
    }

    /** The raw token of the newest email queued for this invitation (what the link carries). */
    String tokenOf(String invitationId) {
        return storage.outbox().all().stream()
                .filter(m -> invitationId.equals(m.aggregateId()))
                .reduce((a, b) -> b).orElseThrow().secret();
    }

    private String write(Object body) {
        try {
            return body instanceof String s ? s : json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
        } catch (IOException notJson) {
            return json.nullNode();
        }
    }

    record Reply(int status, Map<String, List<String>> headers, String body, JsonNode json) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String code() {
            return json.path("code").asText(null);
        }

        /** A field of each item of a list reply (top level of the items only). */
        List<String> items(String field) {
            List<String> values = new java.util.ArrayList<>();
            json.path("items").forEach(item -> values.add(item.path(field).asText()));
            return values;
        }
    }

}
