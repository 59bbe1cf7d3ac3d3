package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitekit.adapter.http.InvitekitAuthentication.Caller;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.domain.account.UserId;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host with error pages of its own for the statuses Invitekit's problems carry: Javalin runs
 * every error handler of a status for every path, yet Invitekit's answers under its path stay its
 * problems, and the host's pages still answer the host's own routes.
 */
class HostErrorPagesTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Javalin host;

    @BeforeEach
    void start() {
        Invitekit kit = Invitekit.builder().inMemory().userDirectory(ids -> Map.of()).build();
        host = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/conflict", ctx -> ctx.status(409));
            for (int status : new int[] {401, 403, 404, 409, 422}) {
                config.routes.error(status, ctx -> ctx.contentType("text/html").result("<h1>host page " + status + "</h1>"));
            }
            config.registerPlugin(new InvitekitPlugin(kit, invitekit -> {
                invitekit.path = "/invitekit";
                invitekit.authentication = ctx -> Optional.ofNullable(ctx.header("X-Host-User"))
                        .map(id -> Caller.of(Actor.user(new UserId(UUID.fromString(id)))));
            }));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    void invitekits_problems_survive_the_hosts_error_pages_for_their_statuses() throws Exception {
        String user = UUID.randomUUID().toString();

        assertProblem(anonymous("/invitekit/api/tenants/" + UUID.randomUUID()), 401, "unauthenticated");
        assertProblem(send("POST", "/invitekit/api/platform/tenant-invitations", user, "{\"email\":\"o@example.org\"}"),
                403, "forbidden");
        assertProblem(send("POST", "/invitekit/api/join", user, "{\"code\":\"ZZZZ-ZZZZ\"}"), 404, "invalid_code");
        assertProblem(send("POST", "/invitekit/api/tenants", user, "{\"name\":\"\"}"), 422, "validation_failed");
        assertProblem(send("GET", "/invitekit/api/no/such/thing", user, null), 404, "not_found");
    }

    @Test
    void the_hosts_own_routes_keep_the_hosts_error_pages() throws Exception {
        HttpResponse<String> missing = anonymous("/no/such/page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("<h1>host page 404</h1>");

        HttpResponse<String> conflict = anonymous("/conflict");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).isEqualTo("<h1>host page 409</h1>");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(body.path("status").asInt()).isEqualTo(status);
    }

    private HttpResponse<String> anonymous(String path) throws Exception {
        String noUser = null;
        String noBody = null;
        return send("GET", path, noUser, noBody);
    }

    private HttpResponse<String> send(String method, String path, String user, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            request.header("X-Host-User", user);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
