package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.application.port.out.OutboxMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every answer carries a request id: a trusted proxy's, else a generated one; the emails queued keep it. */
class RequestIdTest {
    private static final String INVITATION = "{\"email\":\"owner@example.org\",\"suggested_business_name\":\"Bright Bakery\"}";

    private static Reply invite(ApiServer api, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return api.raw("POST", "/api/platform/tenant-invitations", api.adminToken(), INVITATION, all);
    }

    private static String queuedRequestId(ApiServer api) {
        List<OutboxMessage> all = api.storage.outbox().all();
        return all.get(all.size() - 1).requestId();
    }

    @Test
    void anUntrustedPeersIdIsIgnoredAndAGeneratedOneIsEchoedAndKeptWithTheEmail() {
        try (ApiServer api = new ApiServer()) {
            Reply invited = invite(api, Map.of("X-Request-Id", "forged-by-a-client"));

            assertThat(invited.status()).isEqualTo(201);
            String id = invited.header("X-Request-Id");
            assertThat(id).matches("[0-9a-f]{24}");
            assertThat(queuedRequestId(api)).isEqualTo(id);
            assertThat(api.anonymous("GET", "/health/live", Map.of()).header("X-Request-Id"))
                    .matches("[0-9a-f]{24}").isNotEqualTo(id);
        }
    }

    @Test
    void aTrustedProxysIdIsKeptWhenItIsOneShortTokenElseOneIsGenerated() {
        try (ApiServer proxied = new ApiServer(s -> s.withTrustedProxies(List.of("127.0.0.0/8")))) {
            Reply invited = invite(proxied, Map.of("X-Request-Id", "lb-4f2a:9c1e"));
            assertThat(invited.header("X-Request-Id")).isEqualTo("lb-4f2a:9c1e");
            assertThat(queuedRequestId(proxied)).isEqualTo("lb-4f2a:9c1e");

            Reply spaced = proxied.anonymous("GET", "/health/live", Map.of("X-Request-Id", "two words"));
            Reply huge = proxied.anonymous("GET", "/health/live", Map.of("X-Request-Id", "x".repeat(129)));
            Reply none = proxied.anonymous("GET", "/api/me", Map.of());
            assertThat(spaced.header("X-Request-Id")).matches("[0-9a-f]{24}");
            assertThat(huge.header("X-Request-Id")).matches("[0-9a-f]{24}");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("X-Request-Id")).as("errors carry one too").matches("[0-9a-f]{24}");
        }
    }
}
