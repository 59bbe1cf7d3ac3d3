package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.application.port.out.TenantInvitationMail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InvitationApiTest {
    private final ApiServer api = new ApiServer();
    private final String admin = api.adminToken();

    @AfterEach
    void stop() {
        api.close();
    }

    private Reply invite(String email) {
        return api.post("/api/platform/tenant-invitations/", admin, Map.of("email", email,
                "suggested_business_name", "Bright Bakery", "subscription_tier", "STARTER",
                "permissions", Map.of("can_accept_payments", true), "reserved_subdomain", "bright"));
    }

    private static Map<String, Object> acceptBody(String subdomain) {
        Map<String, Object> body = new HashMap<>();
        body.put("password", ApiServer.PASSWORD);
        body.put("first_name", "Grace");
        body.put("last_name", "Hopper");
        body.put("business_name", "Bright Bakery");
        body.put("subdomain", subdomain);
        return body;
    }

    @Test
    void theWholeFlowOverHttp() {
        Reply created = invite("owner@example.org");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContainIgnoringCase("token");
        String id = created.json().path("id").asText();
        String token = api.tokenOf(id);

        Reply preview = api.get("/api/platform/tenant-invitations/token/" + token + "/", null);
        assertThat(preview.json().path("email").asText()).isEqualTo("owner@example.org");
        assertThat(preview.json().path("permissions").path("can_accept_payments").asBoolean()).isTrue();
        assertThat(api.head("/api/platform/tenant-invitations/token/" + token)
                .status()).isEqualTo(200);

        Reply accepted = api.post("/api/platform/tenant-invitations/token/" + token + "/accept/", null, acceptBody("bright"));
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().path("tenant").path("domain").asText()).isEqualTo("bright.acme.test");
        assertThat(accepted.json().path("tenant").path("members").size()).isEqualTo(1);

        Reply me = api.get("/api/me", accepted.json().path("access_token").asText());
        assertThat(me.json().path("memberships").get(0).path("role").asText()).isEqualTo("OWNER");
        Reply after = api.get("/api/platform/tenant-invitations/" + id + "/", admin);
        assertThat(after.json().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(api.get("/api/platform/tenant-invitations/token/" + token, null).status()).isEqualTo(410);
    }

    @Test
    void theOwnerAnAcceptedLinkCreatedGetsItsTenantAndNobodyElseDoes() {
        String token = api.tokenOf(invite("owner@example.org").json().path("id").asText());
        String path = "/api/platform/tenant-invitations/token/" + token + "/tenant";
        assertThat(api.anonymous("GET", path, Map.of()).code()).isEqualTo("unauthenticated");
        assertThat(api.get(path, admin).code()).as("pending: no tenant yet").isEqualTo("not_found");

        Reply accepted = api.post("/api/platform/tenant-invitations/token/" + token + "/accept", null, acceptBody("bright"));
        String owner = accepted.json().path("access_token").asText();

        Reply created = api.get(path + "/", owner);
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("id").asText()).isEqualTo(accepted.json().path("tenant").path("id").asText());
        assertThat(created.json().path("domain").asText()).isEqualTo("bright.acme.test");
        assertThat(created.json().path("permissions").path("can_accept_payments").asBoolean()).isTrue();
        Reply other = api.get(path, admin);
        assertThat(other.status()).isEqualTo(410);
        assertThat(other.code()).isEqualTo("invitation_accepted");
        assertThat(api.get("/api/platform/tenant-invitations/token/" + "A".repeat(43) + "/tenant", owner).code())
                .isEqualTo("not_found");
    }

    @Test
    void onlyPlatformAdminsManageInvitations() {
        String user = api.newUserToken();
        assertThat(api.post("/api/platform/tenant-invitations", user, Map.of("email", "o@example.org")).code())
                .isEqualTo("forbidden");
        assertThat(api.get("/api/platform/tenant-invitations", user).status()).isEqualTo(403);
        assertThat(api.raw("POST", "/api/platform/tenant-invitations", null, "{\"email\":\"o@example.org\"}",
                Map.of("Content-Type", "application/json")).status()).isEqualTo(401);
    }

    @Test
    void aSecondPendingInvitationForAnEmailIs409AndABadOneIs422() {
        invite("owner@example.org");
        assertThat(invite("OWNER@example.org").code()).isEqualTo("invitation_pending_exists");

        Reply bad = api.post("/api/platform/tenant-invitations", admin, Map.of("email", "nope", "expires_in_days", 99,
                "permissions", Map.of("can_fly", true)));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("email", "expires_in_days", "permissions");
    }

    @Test
    void aNumberSentAsAStringIs400() {
        Reply reply = api.raw("POST", "/api/platform/tenant-invitations", admin,
                "{\"email\":\"o@example.org\",\"custom_max_users\":\"5\"}", Map.of());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("malformed_body");
    }

    @Test
    void listsPagesAndFilters() {
        for (int i = 0; i < 3; i++) {
            api.post("/api/platform/tenant-invitations", admin, Map.of("email", "o" + i + "@example.org"));
        }
        Reply first = api.get("/api/platform/tenant-invitations?limit=2", admin);
        assertThat(first.items("email")).containsExactly("o2@example.org", "o1@example.org");
        String cursor = first.json().path("next_cursor").asText();
        Reply second = api.get("/api/platform/tenant-invitations/?limit=2&cursor=" + cursor, admin);
        assertThat(second.items("email")).containsExactly("o0@example.org");
        assertThat(second.json().path("next_cursor").isNull()).isTrue();

        assertThat(api.get("/api/platform/tenant-invitations?email=O1@EXAMPLE.org", admin).json().path("items").size())
                .isEqualTo(1);
        assertThat(api.get("/api/platform/tenant-invitations?status=EXPIRED", admin).json().path("items").size()).isZero();
        assertThat(api.get("/api/platform/tenant-invitations?limit=abc", admin).status()).isEqualTo(422);
        assertThat(api.get("/api/platform/tenant-invitations?limit=500", admin).status()).isEqualTo(422);
    }

    @Test
    void searchesByEmailOrBusinessNamePrefixInAnyCaseAPageAtATime() {
        api.post("/api/platform/tenant-invitations", admin, Map.of("email", "anna@example.org"));
        api.post("/api/platform/tenant-invitations", admin, Map.of("email", "bob@example.org",
                "suggested_business_name", "Annex Bakery"));
        api.post("/api/platform/tenant-invitations", admin, Map.of("email", "annabel@example.org"));
        api.post("/api/platform/tenant-invitations", admin, Map.of("email", "carl@example.org"));

        Reply first = api.get("/api/platform/tenant-invitations?q=ANN&limit=2", admin);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.items("email")).containsExactly("anna@example.org", "annabel@example.org");
        Reply second = api.get("/api/platform/tenant-invitations?q=ann&limit=2&cursor="
                + first.json().path("next_cursor").asText(), admin);
        assertThat(second.items("email")).as("found by its business name").containsExactly("bob@example.org");
        assertThat(second.json().path("next_cursor").isNull()).isTrue();
        assertThat(api.get("/api/platform/tenant-invitations?q=annex%20b", admin).items("email"))
                .containsExactly("bob@example.org");
        assertThat(api.get("/api/platform/tenant-invitations?q=zz", admin).json().path("items").size()).isZero();
        assertThat(api.get("/api/platform/tenant-invitations?q=ann&status=CANCELLED", admin).json().path("items").size())
                .isZero();
        assertThat(api.get("/api/platform/tenant-invitations?q=ann&email=anna@example.org", admin).items("email"))
                .containsExactly("anna@example.org");

        Reply blank = api.get("/api/platform/tenant-invitations?q=%20", admin);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.code()).isEqualTo("invalid_search");
        assertThat(api.get("/api/platform/tenant-invitations?q=" + "x".repeat(101), admin).code()).isEqualTo("invalid_search");
        assertThat(api.get("/api/platform/tenant-invitations?q=ann&cursor=AAAA", admin).status()).isEqualTo(422);
    }

    @Test
    void resendIsRateLimitedByTheCooldownAndCancelIsFinal() {
        String id = invite("owner@example.org").json().path("id").asText();

        Reply tooSoon = api.post("/api/platform/tenant-invitations/" + id + "/resend/", admin, null);
        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.code()).isEqualTo("resend_too_soon");
        assertThat(tooSoon.header("Retry-After")).isEqualTo("60");

        api.clock.advance(Duration.ofMinutes(1));
        Reply resent = api.post("/api/platform/tenant-invitations/" + id + "/resend", admin, null);
        assertThat(resent.json().path("resend_count").asInt()).isEqualTo(1);
        String token = api.tokenOf(id); // read before the cancel withdraws the unsent email with its token

        Reply cancelled = api.delete("/api/platform/tenant-invitations/" + id + "/", admin);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().path("delivery").path("state").asText()).as("its unsent email is withdrawn")
                .isEqualTo("WITHDRAWN");
        assertThat(api.delete("/api/platform/tenant-invitations/" + id, admin).code()).isEqualTo("invalid_transition");
        assertThat(api.get("/api/platform/tenant-invitations/token/" + token, null).code())
                .isEqualTo("invitation_cancelled");
    }

    @Test
    void unknownIdsAndTokensAre404() {
        assertThat(api.get("/api/platform/tenant-invitations/0190a8e2-0000-7000-8000-000000000000", admin).code())
                .isEqualTo("not_found");
        assertThat(api.get("/api/platform/tenant-invitations/nope", admin).status()).isEqualTo(404);
        assertThat(api.get("/api/platform/tenant-invitations/token/" + "A".repeat(43), null).code()).isEqualTo("not_found");
        assertThat(api.head("/api/platform/tenant-invitations/token/short").status())
                .isEqualTo(404);
    }

    @Test
    void anExpiredLinkIs410() {
        String id = invite("owner@example.org").json().path("id").asText();
        api.clock.advance(Duration.ofDays(7));
        Reply reply = api.post("/api/platform/tenant-invitations/token/" + api.tokenOf(id) + "/accept", null, acceptBody("x-y-z"));
        assertThat(reply.status()).isEqualTo(410);
        assertThat(reply.code()).isEqualTo("invitation_expired");
    }

    @Test
    void anAcceptBodyCannotSetTheEmailOrTheStatus() {
        String token = api.tokenOf(invite("owner@example.org").json().path("id").asText());
        Map<String, Object> withEmail = acceptBody("bright");
        withEmail.put("email", "attacker@example.org");
        Map<String, Object> withStatus = acceptBody("bright");
        withStatus.put("status", "ACCEPTED");

        for (Map<String, Object> body : List.of(withEmail, withStatus)) {
            Reply reply = api.raw("POST", "/api/platform/tenant-invitations/token/" + token + "/accept", null,
                    api.json.valueToTree(body).toString(), Map.of("Content-Type", "application/json"));
            assertThat(reply.status()).isEqualTo(400);
        }
        assertThat(api.get("/api/platform/tenant-invitations/token/" + token, null).json().path("status").asText())
                .isEqualTo("PENDING");
    }

    @Test
    void aTakenSubdomainIs409WithSuggestions() {
        api.post("/api/tenants", api.newUserToken(), Map.of("name", "Taken", "subdomain", "taken"));
        String token = api.tokenOf(api.post("/api/platform/tenant-invitations", admin,
                Map.of("email", "o@example.org")).json().path("id").asText());

        Reply reply = api.post("/api/platform/tenant-invitations/token/" + token + "/accept", null, acceptBody("taken"));
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.code()).isEqualTo("subdomain_taken");
        assertThat(reply.json().path("suggestions").get(0).asText()).isEqualTo("taken-2");
        Reply invalid = api.post("/api/platform/tenant-invitations/token/" + token + "/accept", null, acceptBody("www"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.code()).isEqualTo("invalid_subdomain");
    }

    @Test
    void concurrentAcceptsOfOneTokenGiveOneWinnerAndNo5xx() throws Exception {
        String token = api.tokenOf(invite("owner@example.org").json().path("id").asText());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String subdomain = "shop-" + i;
            statuses.add(pool.submit(() -> {
                start.await();
                return api.post("/api/platform/tenant-invitations/token/" + token + "/accept", null, acceptBody(subdomain))
                        .status();
            }));
        }
        start.countDown();
        List<Integer> seen = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            seen.add(status.get(30, TimeUnit.SECONDS));
        }
        pool.shutdownNow();
        assertThat(seen).filteredOn(s -> s == 201).hasSize(1);
        assertThat(seen).allMatch(s -> s == 201 || s == 410);
        assertThat(api.storage.tenants().newest(10)).hasSize(1);
    }

    @Test
    void emailLinksComeFromTheConfiguredBaseUrlNeverFromRequestHeaders() {
        api.raw("POST", "/api/platform/tenant-invitations", admin, "{\"email\":\"o@example.org\"}",
                Map.of("Content-Type", "application/json", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http",
                        "Forwarded", "host=evil.example"));
        api.kit.delivery().relayOnce();
        assertThat(api.mail.sent()).singleElement().satisfies(mail ->
                assertThat(((TenantInvitationMail) mail.mail()).link().toString()).startsWith("https://app.acme.test/tenant-onboard#token="));
    }

    @Test
    void subdomainAvailabilityAlwaysAnswers200() {
        Reply free = api.get("/api/platform/subdomains/my-shop/availability", null);
        assertThat(free.json().path("available").asBoolean()).isTrue();
        assertThat(free.json().path("reason").isNull()).isTrue();
        Reply reserved = api.get("/api/platform/subdomains/admin/availability", null);
        assertThat(reserved.json().path("reason").asText()).isEqualTo("reserved");
        Reply invalid = api.get("/api/platform/subdomains/Caf%C3%A9%20Z%C3%BCrich/availability", null);
        assertThat(invalid.json().path("reason").asText()).isEqualTo("invalid");
        assertThat(invalid.json().path("suggestions").get(0).asText()).isEqualTo("cafe-zurich");
    }
}
