package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccountApiTest {
    private final ApiServer api = new ApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void signUpAnswers201WithAUserAndATokenPair() {
        Reply reply = api.signup("New@Example.org");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("user").path("email").asText()).isEqualTo("new@example.org");
        assertThat(reply.json().path("user").path("platform_role").asText()).isEqualTo("NONE");
        assertThat(reply.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(reply.json().path("expires_in").asInt()).isEqualTo(3600);
    }

    @Test
    void aTakenEmailIs409AndAWeakPasswordA422WithFieldErrors() {
        api.signup("dup@example.org");
        assertThat(api.signup("DUP@example.org").code()).isEqualTo("email_taken");

        Reply weak = api.post("/api/auth/signup", null, Map.of("email", "w@example.org", "password", "short",
                "first_name", "A", "last_name", "B"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.code()).isEqualTo("validation_failed");
        assertThat(weak.json().path("errors").get(0).path("field").asText()).isEqualTo("password");
        assertThat(weak.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void missingFieldsAreNamedInSnakeCase() {
        Reply reply = api.raw("POST", "/api/auth/signup", null,
                "{\"email\":\"x@example.org\",\"password\":\"long enough pw\"}", Map.of("Content-Type", "application/json"));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().path("errors").findValuesAsText("field")).containsExactly("first_name", "last_name");
    }

    @Test
    void logInRefreshLogOut() {
        api.signup("me@example.org");
        Reply login = api.post("/api/auth/login", null, Map.of("email", "ME@example.org", "password", ApiServer.PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        String access = login.json().path("access_token").asText();
        String refresh = login.json().path("refresh_token").asText();

        Reply me = api.get("/api/me", access);
        assertThat(me.json().path("user").path("email").asText()).isEqualTo("me@example.org");
        assertThat(me.json().path("memberships").size()).isZero();

        Reply renewed = api.post("/api/auth/refresh", null, Map.of("refresh_token", refresh));
        assertThat(renewed.status()).isEqualTo(200);

        String fresh = renewed.json().path("access_token").asText();
        assertThat(api.post("/api/auth/logout", fresh, null).status()).isEqualTo(204);
        Reply after = api.get("/api/me", fresh);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.code()).isEqualTo("unauthenticated");
        // After the log-out: a reuse before it would have revoked the session it ends (see below).
        assertThat(api.post("/api/auth/refresh", null, Map.of("refresh_token", refresh)).code()).isEqualTo("unauthenticated");
    }

    @Test
    void aRotatedRefreshTokenPresentedAgainRevokesEveryTokenOfItsLogIn() {
        api.signup("family@example.org");
        Reply login = api.post("/api/auth/login", null, Map.of("email", "family@example.org", "password", ApiServer.PASSWORD));
        Reply other = api.post("/api/auth/login", null, Map.of("email", "family@example.org", "password", ApiServer.PASSWORD));
        String stolen = login.json().path("refresh_token").asText();
        Reply renewed = api.post("/api/auth/refresh", null, Map.of("refresh_token", stolen));
        assertThat(api.get("/api/me", renewed.json().path("access_token").asText()).status()).isEqualTo(200);

        Reply reuse = api.post("/api/auth/refresh", null, Map.of("refresh_token", stolen));

        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.code()).isEqualTo("unauthenticated");
        assertThat(api.get("/api/me", renewed.json().path("access_token").asText()).code()).isEqualTo("unauthenticated");
        assertThat(api.post("/api/auth/refresh", null, Map.of("refresh_token", renewed.json().path("refresh_token").asText()))
                .status()).isEqualTo(401);
        assertThat(api.get("/api/me", other.json().path("access_token").asText()).status())
                .as("another log-in of the same user lives on").isEqualTo(200);
    }

    @Test
    void meShowsFiftyMembershipsAndTheRestComeAPageAtATime() {
        Reply signedUp = api.signup("many@example.org");
        String token = signedUp.json().path("access_token").asText();
        UserId user = UserId.parse(signedUp.json().path("user").path("id").asText()).orElseThrow();
        api.kit.accounts().createFirstPlatformAdmin("root@acme.test", ApiServer.PASSWORD);
        Actor admin = Actor.platformAdmin(api.kit.accounts().login(LogIn.with("root@acme.test", ApiServer.PASSWORD)).user().id());
        Set<String> joined = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            TenantId tenant = api.kit.tenants().create(admin, NewTenant.named("Family " + i)).id();
            api.clock.advance(Duration.ofSeconds(1));
            api.storage.memberships().add(new Membership(tenant, user, Role.MEMBER, api.clock.instant()), Limit.UNLIMITED);
            joined.add(tenant.toString());
        }

        Reply me = api.get("/api/me", token);
        assertThat(me.json().path("memberships").size()).isEqualTo(50);
        String cursor = me.json().path("memberships_next_cursor").asText();
        Reply rest = api.get("/api/me/memberships?limit=100&cursor=" + cursor, token);
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.json().path("items").size()).isEqualTo(10);
        assertThat(rest.json().path("next_cursor").isNull()).isTrue();

        List<String> seen = new ArrayList<>();
        me.json().path("memberships").forEach(m -> seen.add(m.path("tenant").path("id").asText()));
        rest.json().path("items").forEach(m -> seen.add(m.path("tenant").path("id").asText()));
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(joined);
        assertThat(api.get("/api/me/memberships/", token).json().path("items").size()).as("50 by default").isEqualTo(50);
        Reply small = api.get("/api/me/memberships?limit=7", token);
        assertThat(small.json().path("items").size()).isEqualTo(7);
        assertThat(small.json().path("next_cursor").asText()).isNotBlank();
    }

    @Test
    void aUserWithoutMembershipsHasANullCursorAndBadPagingIs422() {
        String token = api.newUserToken();
        Reply me = api.get("/api/me", token);
        assertThat(me.json().has("memberships_next_cursor")).isTrue();
        assertThat(me.json().path("memberships_next_cursor").isNull()).isTrue();
        assertThat(api.get("/api/me/memberships", token).json().path("items").size()).isZero();

        for (String query : List.of("limit=0", "limit=101", "limit=ten", "cursor=not-a-cursor", "cursor=AAAA")) {
            Reply bad = api.get("/api/me/memberships?" + query, token);
            assertThat(bad.status()).as(query).isEqualTo(422);
            assertThat(bad.code()).as(query).isEqualTo("validation_failed");
            assertThat(bad.json().path("errors").findValuesAsText("field")).as(query)
                    .containsExactly(query.substring(0, query.indexOf('=')));
        }
        assertThat(api.anonymous("GET", "/api/me/memberships", Map.of()).code()).isEqualTo("unauthenticated");
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        api.signup("known@example.org");
        Reply wrong = api.post("/api/auth/login", null, Map.of("email", "known@example.org", "password", "nope nope"));
        Reply unknown = api.post("/api/auth/login", null, Map.of("email", "ghost@example.org", "password", "nope nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(wrong.code()).isEqualTo("invalid_credentials");
    }

    @Test
    void noOrABadTokenIs401() {
        assertThat(api.anonymous("GET", "/api/me", Map.of()).code()).isEqualTo("unauthenticated");
        assertThat(api.get("/api/me", "not-a-token").status()).isEqualTo(401);
        assertThat(api.anonymous("GET", "/api/me", Map.of("Authorization", "Basic abc")).status()).isEqualTo(401);
    }

    @Test
    void aHeadRequestAnswersWhatItsGetWould() {
        Reply anonymous = api.send("HEAD", "/api/me", ApiServer.ANONYMOUS, ApiServer.NO_BODY, Map.of(), ApiServer.Check.NONE);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).isEmpty();
        String token = api.signup("head@example.org").json().path("access_token").asText();
        Reply signedIn = api.send("HEAD", "/api/me", token, ApiServer.NO_BODY, Map.of(), ApiServer.Check.NONE);
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.header("Content-Type")).startsWith("application/json");
        assertThat(signedIn.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void malformedBodiesAre400() {
        Reply notJson = api.raw("POST", "/api/auth/login", null, "{not json", Map.of("Content-Type", "application/json"));
        Reply unknownField = api.raw("POST", "/api/auth/login", null,
                "{\"email\":\"a@b.co\",\"password\":\"x\",\"admin\":true}", Map.of("Content-Type", "application/json"));
        Reply wrongType = api.raw("POST", "/api/auth/login", null, "{\"email\":5,\"password\":\"x\"}",
                Map.of("Content-Type", "application/json"));
        Reply empty = api.anonymous("POST", "/api/auth/login", Map.of());
        Reply array = api.raw("POST", "/api/auth/login", null, "[]", Map.of("Content-Type", "application/json"));

        for (Reply reply : new Reply[] {notJson, unknownField, wrongType, empty, array}) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("malformed_body");
            assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.");
        }
        assertThat(unknownField.json().path("detail").asText()).contains("admin");
    }

    @Test
    void aBodyOver64KiBIs413() {
        String huge = "{\"email\":\"a@b.co\",\"password\":\"" + "x".repeat(70_000) + "\"}";
        Reply reply = api.raw("POST", "/api/auth/login", null, huge, Map.of("Content-Type", "application/json"));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.code()).isEqualTo("payload_too_large");
    }

    @Test
    void logInIsRateLimitedPerEmailWithRetryAfter() {
        try (ApiServer limited = ApiServer.withRateLimits(r -> r.withLoginPerEmail(
                new RateLimit("login_email", 3, Duration.ofMinutes(15))))) {
            for (int i = 0; i < 3; i++) {
                assertThat(limited.post("/api/auth/login", null, Map.of("email", "v@example.org", "password", "guess " + i))
                        .status()).isEqualTo(401);
            }
            Reply refused = limited.post("/api/auth/login", null, Map.of("email", "V@example.org", "password", "guess"));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 300L);
        }
    }

    /**
     * One guessing budget: passwords tried at an invitation's accept count with log-ins for that
     * email, and a password without names answers alike whether the email has an account or not.
     */
    @Test
    void passwordsTriedAtAcceptSpendTheLogInBudgetAndAnUnknownAccountIsAnsweredLikeAWrongPassword() {
        try (ApiServer limited = ApiServer.withRateLimits(r -> r.withLoginPerEmail(
                new RateLimit("login_email", 3, Duration.ofMinutes(15))))) {
            String admin = limited.adminToken();
            limited.signup("owner@example.org");
            // A verified account: its password is required (an unverified one the link holder claims).
            limited.storage.accounts().markEmailVerified(limited.storage.accounts()
                    .byEmail(io.invitekit.domain.shared.EmailAddress.of("owner@example.org")).orElseThrow().id(),
                    limited.clock.instant());
            String known = limited.tokenOf(limited.post("/api/platform/tenant-invitations", admin,
                    Map.of("email", "owner@example.org")).json().path("id").asText());
            String unknown = limited.tokenOf(limited.post("/api/platform/tenant-invitations", admin,
                    Map.of("email", "nobody@example.org")).json().path("id").asText());
            Map<String, Object> guess = Map.of("password", "guess", "business_name", "Bright", "subdomain", "bright");

            Reply wrong = limited.post("/api/platform/tenant-invitations/token/" + known + "/accept", null, guess);
            Reply none = limited.post("/api/platform/tenant-invitations/token/" + unknown + "/accept", null, guess);
            assertThat(List.of(wrong.status(), none.status())).containsOnly(401);
            assertThat(List.of(wrong.code(), none.code())).containsOnly("invalid_credentials");
            assertThat(none.json().path("detail")).isEqualTo(wrong.json().path("detail"));

            assertThat(limited.post("/api/auth/login", null, Map.of("email", "owner@example.org", "password", "guess 2"))
                    .status()).isEqualTo(401);
            limited.post("/api/platform/tenant-invitations/token/" + known + "/accept", null, guess);

            Reply spent = limited.post("/api/platform/tenant-invitations/token/" + known + "/accept", null,
                    Map.of("password", ApiServer.PASSWORD, "business_name", "Bright", "subdomain", "bright"));
            assertThat(spent.status()).isEqualTo(429);
            assertThat(spent.code()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(spent.header("Retry-After"))).isBetween(1L, 900L);
            assertThat(limited.post("/api/auth/login", null, Map.of("email", "owner@example.org", "password",
                    ApiServer.PASSWORD)).status()).isEqualTo(429);
        }
    }

    /** An empty or overlong password is refused before any limit counts it: such floods cost nothing and create no bucket. */
    @Test
    void aLogInThatCouldNeverSucceedTakesNoPermit() {
        try (ApiServer limited = ApiServer.withRateLimits(r -> r.withLoginPerAddress(new RateLimit("login_address", 3, Duration.ofMinutes(1)))
                .withLoginPerEmail(new RateLimit("login_email", 3, Duration.ofMinutes(15))))) {
            for (int i = 0; i < 10; i++) {
                Reply empty = limited.raw("POST", "/api/auth/login", null,
                        "{\"email\":\"v@example.org\",\"password\":\"\"}", Map.of("Content-Type", "application/json"));
                Reply overlong = limited.post("/api/auth/login", null, Map.of("email", "v@example.org", "password", "x".repeat(513)));
                assertThat(List.of(empty.status(), overlong.status())).containsOnly(422);
                assertThat(empty.code()).isEqualTo("validation_failed");
            }
            for (int i = 0; i < 3; i++) {
                assertThat(limited.post("/api/auth/login", null, Map.of("email", "v@example.org", "password", "guess " + i))
                        .status()).isEqualTo(401);
            }
            assertThat(limited.post("/api/auth/login", null, Map.of("email", "v@example.org", "password", "guess")).status())
                    .isEqualTo(429);
        }
    }

    @Test
    void signUpIsRateLimitedPerAddress() {
        try (ApiServer limited = ApiServer.withRateLimits(r -> r.withSignupPerAddress(
                new RateLimit("signup_address", 2, Duration.ofHours(1))))) {
            assertThat(limited.signup("a@example.org").status()).isEqualTo(201);
            assertThat(limited.signup("b@example.org").status()).isEqualTo(201);
            assertThat(limited.signup("c@example.org").status()).isEqualTo(429);
        }
    }
}
