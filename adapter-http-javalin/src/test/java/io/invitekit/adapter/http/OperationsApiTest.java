package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.application.port.out.StoreUnavailableException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OperationsApiTest {
    private final ApiServer api = new ApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void healthAndReadiness() {
        assertThat(api.get("/health/live", null).json().path("status").asText()).isEqualTo("UP");
        assertThat(api.get("/health/ready", null).status()).isEqualTo(200);
    }

    @Test
    void readinessIs503WhenTheDatabaseIsDown() {
        try (ApiServer down = new ApiServer(s -> s.withReadiness(() -> {
            throw new StoreUnavailableException("connection refused", null);
        }))) {
            Reply reply = down.get("/health/ready", null);
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.code()).isEqualTo("store_unavailable");
            assertThat(reply.body()).doesNotContain("connection refused");
        }
    }

    @Test
    void metricsCountRequestsByRouteAndShowTheOutboxBacklog() {
        api.signup("m@example.org");
        api.anonymous("GET", "/api/me", Map.of());
        Reply metrics = api.get("/metrics", null);
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/api/auth/signup\",status=\"201\"}")
                .contains("route=\"/api/me\",status=\"401\"")
                .contains("invitekit_outbox_backlog");
    }

    @Test
    void metricsMayBeKeptForPlatformAdmins() {
        try (ApiServer closed = new ApiServer(s -> s.withMetricsPublic(false))) {
            assertThat(closed.anonymous("GET", "/metrics", Map.of()).status()).isEqualTo(401);
            assertThat(closed.get("/metrics", closed.newUserToken()).status()).isEqualTo(403);
            assertThat(closed.get("/metrics", closed.adminToken()).status()).isEqualTo(200);
        }
    }

    @Test
    void theApiDescriptionAndItsUiAreServedLocally() {
        Reply yaml = api.get("/openapi.yaml", null);
        assertThat(yaml.body()).startsWith("openapi: 3.0.3");
        Reply docs = api.page("/docs/");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/webjars/swagger-ui/5.20.0/swagger-ui-bundle.js").doesNotContain("<script>");
        assertThat(docs.header("Content-Security-Policy")).contains("script-src 'self'");
        Reply bundle = api.page("/webjars/swagger-ui/5.20.0/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(bundle.header("Content-Type")).startsWith("text/javascript");
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        Reply css = api.page("/webjars/swagger-ui/5.20.0/swagger-ui.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        // Only the files the page loads: nothing else of the jar, and no way out of the folder.
        assertThat(api.page("/webjars/swagger-ui/5.20.0/index.html").status()).isEqualTo(404);
        assertThat(api.page("/webjars/swagger-ui/5.20.0/..%2F..%2F..%2Fmaven%2Forg.webjars%2Fswagger-ui%2Fpom.xml").status())
                .isEqualTo(404);
    }

    @Test
    void everyResponseCarriesTheHygieneHeaders() {
        for (Reply reply : new Reply[] {api.get("/health/live", null), api.anonymous("GET", "/api/me", Map.of()),
                api.page("/api/nothing-here"), api.page("/docs"),
                api.raw("POST", "/api/auth/login", null, "{", Map.of())}) {
            assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void anUnknownApiPathIsAProblem() {
        Reply reply = api.page("/api/nothing-here");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo("not_found");
    }

    @Test
    void requestLogsNeverShowInvitationTokens() {
        assertThat(RequestLog.redact("/api/platform/tenant-invitations/token/abcDEF123_-xyz/accept"))
                .isEqualTo("/api/platform/tenant-invitations/token/[redacted]/accept");
        assertThat(RequestLog.redact("/api/platform/tenant-invitations/token/abc"))
                .isEqualTo("/api/platform/tenant-invitations/token/[redacted]");
        assertThat(RequestLog.redact("/api/me")).isEqualTo("/api/me");
    }
}
