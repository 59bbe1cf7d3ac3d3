package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Answers that carry a secret are never cached (RFC 6749 §5.1), and HSTS is sent when the
 * deployment asks for it.
 */
class CachingHeadersTest {

    @Test
    void everyAnswerThatCarriesATokenOrAJoinCodeSaysNoStore() {
        try (ApiServer api = new ApiServer()) {
            Map<String, Reply> secrets = new LinkedHashMap<>();
            String admin = api.adminToken();
            Reply signup = api.signup("owner@example.org");
            secrets.put("sign-up", signup);
            secrets.put("log-in", api.post("/api/auth/login", null, Map.of("email", "owner@example.org", "password", ApiServer.PASSWORD)));
            secrets.put("refresh", api.post("/api/auth/refresh", null,
                    Map.of("refresh_token", signup.json().path("refresh_token").asText())));

            String invitation = api.post("/api/platform/tenant-invitations", admin, Map.of("email", "new@example.org"))
                    .json().path("id").asText();
            Map<String, Object> accept = new HashMap<>(Map.of("password", ApiServer.PASSWORD, "first_name", "Grace",
                    "last_name", "Hopper", "business_name", "Bright Bakery", "subdomain", "bright"));
            secrets.put("accept", api.post("/api/platform/tenant-invitations/token/" + api.tokenOf(invitation) + "/accept",
                    null, accept));

            String owner = secrets.get("log-in").json().path("access_token").asText();
            String family = api.post("/api/tenants", owner, Map.of("name", "The Smiths")).json().path("id").asText();
            secrets.put("join code", api.get("/api/tenants/" + family + "/invite-code", owner));
            secrets.put("rotated join code", api.post("/api/tenants/" + family + "/invite-code/rotate", owner, null));

            secrets.forEach((what, reply) -> {
                assertThat(reply.status()).as(what).isBetween(200, 201);
                assertThat(reply.body()).as(what).containsAnyOf("access_token", "\"code\"");
                assertThat(reply.header("Cache-Control")).as(what).isEqualTo("no-store");
                assertThat(reply.header("Pragma")).as(what).isEqualTo("no-cache");
            });
        }
    }

    @Test
    void theRestOfTheApiSaysNoStoreToo() {
        try (ApiServer api = new ApiServer()) {
            String user = api.newUserToken();
            Reply[] replies = {
                api.get("/api/me", user),
                api.get("/api/platform/tenant-invitations/token/" + "A".repeat(43), null), // a preview: 404
                api.anonymous("GET", "/api/me", Map.of()),                              // 401
                api.page("/api/no-such-thing"),                                               // 404
            };
            for (Reply reply : replies) {
                assertThat(reply.header("Cache-Control")).as("%d %s", reply.status(), reply.body()).isEqualTo("no-store");
            }
        }
    }

    @Test
    void hstsIsSentOnlyWhenConfigured() {
        try (ApiServer plain = new ApiServer()) {
            assertThat(plain.get("/health/live", null).header("Strict-Transport-Security")).isNull();
            assertThat(plain.page("/").header("Strict-Transport-Security")).isNull();
        }
        try (ApiServer https = new ApiServer(s -> s.withHstsSeconds(31_536_000))) {
            for (Reply reply : new Reply[] {https.get("/health/live", null), https.page("/"), https.signup("a@example.org"),
                    https.anonymous("GET", "/api/me", Map.of())}) {
                assertThat(reply.header("Strict-Transport-Security")).as("%d", reply.status()).isEqualTo("max-age=31536000");
            }
        }
    }
}
