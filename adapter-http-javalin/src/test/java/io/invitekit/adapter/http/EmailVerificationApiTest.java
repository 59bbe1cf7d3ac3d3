package io.invitekit.adapter.http;

import static io.invitekit.adapter.http.ApiServer.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.SignupAttemptMail;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Email verification over HTTP (both endpoints, the 202 sign-up when verified emails are required,
 * email_not_verified at log-in and join), and the invitation link that proves the address: the
 * pre-squatting attack end to end. Every exchange is checked against openapi.yaml.
 */
class EmailVerificationApiTest {
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private final ApiServer api = new ApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    private static List<OutboxMessage> verificationMailsTo(ApiServer server, String email) {
        return server.storage.outbox().all().stream()
                .filter(m -> m.kind().equals(EmailVerificationMail.KIND) && m.recipient().value().equals(email)).toList();
    }

    private static String newestTokenFor(ApiServer server, String email) {
        List<OutboxMessage> mails = verificationMailsTo(server, email);
        assertThat(mails).isNotEmpty();
        return mails.get(mails.size() - 1).secret();
    }

    private static Reply verify(ApiServer server, String token) {
        return server.post("/api/auth/verify-email", ANONYMOUS, Map.of("token", token, "password", ApiServer.PASSWORD));
    }

    private static Reply resend(ApiServer server, String email) {
        return server.post("/api/auth/verify-email/resend", ANONYMOUS, Map.of("email", email));
    }

    private static Reply login(ApiServer server, String email, String password) {
        return server.post("/api/auth/login", ANONYMOUS, Map.of("email", email, "password", password));
    }

    @Test
    void theLinkOfTheSignUpEmailVerifiesTheEmailAndSignsIn() {
        Reply signedUp = api.signup("ana@example.org");
        assertThat(signedUp.status()).isEqualTo(201);
        String before = signedUp.json().path("access_token").asText();
        assertThat(api.get("/api/me", before).json().path("email_verified").asBoolean()).isFalse();
        String token = newestTokenFor(api, "ana@example.org");

        Reply verified = verify(api, token);

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.header("Cache-Control")).isEqualTo("no-store");
        assertThat(verified.json().path("user").path("email").asText()).isEqualTo("ana@example.org");
        String access = verified.json().path("access_token").asText();
        assertThat(api.get("/api/me", access).json().path("email_verified").asBoolean()).isTrue();
        assertThat(api.get("/api/me", before).status()).as("the session made before the proof").isEqualTo(401);

        Reply again = verify(api, token);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.code()).isEqualTo("invalid_verification_token");
    }

    @Test
    void theLinkAloneVerifiesNothingItNeedsThePasswordOfTheAccount() {
        api.signup("sam@example.org"); // maybe by someone who does not own the address
        String token = newestTokenFor(api, "sam@example.org");

        Reply wrong = api.post("/api/auth/verify-email", ANONYMOUS, Map.of("token", token, "password", "another password"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_credentials");
        Reply none = api.raw("POST", "/api/auth/verify-email", ANONYMOUS, "{\"token\": \"" + token + "\"}", Map.of());
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.json().path("errors").get(0).path("field").asText()).isEqualTo("password");

        assertThat(verify(api, token).status()).as("the link stayed usable").isEqualTo(200);
    }

    @Test
    void unknownMalformedAndExpiredTokensAreInvalidVerificationToken() {
        api.signup("late@example.org");
        String token = newestTokenFor(api, "late@example.org");
        api.clock.advance(Duration.ofHours(24));
        for (String presented : List.of("not-a-token", "A".repeat(43), "", token)) {
            Reply refused = verify(api, presented);
            assertThat(refused.status()).as(presented).isEqualTo(410);
            assertThat(refused.code()).as(presented).isEqualTo("invalid_verification_token");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api.raw("POST", "/api/auth/verify-email", ANONYMOUS, "{}", Map.of()).status()).isEqualTo(422);
    }

    @Test
    void aResendIsAnsweredAlikeForEveryEmailAndQueuesOnlyForAnUnverifiedAccountAfterTheCooldown() {
        api.signup("ana@example.org");
        api.signup("done@example.org");
        verify(api, newestTokenFor(api, "done@example.org"));

        Reply soon = resend(api, "ana@example.org");
        api.clock.advance(Duration.ofSeconds(61));
        Reply later = resend(api, "ana@example.org");
        Reply verified = resend(api, "done@example.org");
        Reply unknown = resend(api, "nobody@example.org");

        for (Reply reply : List.of(soon, later, verified, unknown)) {
            assertThat(reply.status()).isEqualTo(202);
            assertThat(reply.body()).isEqualTo(soon.body());
        }
        assertThat(verificationMailsTo(api, "ana@example.org")).extracting(OutboxMessage::status)
                .containsExactly(OutboxMessage.Status.WITHDRAWN, OutboxMessage.Status.PENDING);
        assertThat(verificationMailsTo(api, "done@example.org")).hasSize(1);
        assertThat(verificationMailsTo(api, "nobody@example.org")).isEmpty();
        assertThat(resend(api, "not an email").code()).isEqualTo("validation_failed");
    }

    @Test
    void resendsAreRateLimitedPerEmailAndPerAddress() {
        try (ApiServer limited = ApiServer.withRateLimits(r -> r
                .withVerificationResendPerEmail(new RateLimit("verify_resend_email", 2, Duration.ofHours(1)))
                .withVerificationResendPerAddress(new RateLimit("verify_resend_address", 4, Duration.ofMinutes(15))))) {
            assertThat(resend(limited, "v@example.org").status()).isEqualTo(202);
            assertThat(resend(limited, "V@example.org").status()).isEqualTo(202);
            Reply perEmail = resend(limited, "v@example.org");
            assertThat(perEmail.status()).isEqualTo(429);
            assertThat(perEmail.code()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(perEmail.header("Retry-After"))).isPositive();

            assertThat(resend(limited, "w@example.org").status()).isEqualTo(202);
            Reply perAddress = resend(limited, "x@example.org");
            assertThat(perAddress.status()).as("the fifth request from one address").isEqualTo(429);
        }
    }

    @Test
    void withVerifiedEmailsRequiredSignUpAnswers202AlikeForANewAndATakenEmail() {
        try (ApiServer strict = ApiServer.withSettings(s -> s.requireVerifiedEmail(true))) {
            Reply fresh = strict.signup("new@example.org");
            Reply taken = strict.post("/api/auth/signup", ANONYMOUS, Map.of("email", "NEW@example.org",
                    "password", "another passphrase", "first_name", "Sam", "last_name", "Squat"));

            assertThat(fresh.status()).isEqualTo(202);
            assertThat(taken.status()).isEqualTo(202);
            assertThat(taken.body()).isEqualTo(fresh.body());
            assertThat(fresh.json().has("access_token")).isFalse();
            assertThat(strict.storage.outbox().all().stream().filter(m -> m.kind().equals(SignupAttemptMail.KIND)))
                    .singleElement().satisfies(m -> assertThat(m.recipient().value()).isEqualTo("new@example.org"));

            Reply unverified = login(strict, "new@example.org", ApiServer.PASSWORD);
            assertThat(unverified.status()).isEqualTo(403);
            assertThat(unverified.code()).isEqualTo("email_not_verified");
            assertThat(login(strict, "new@example.org", "a wrong passphrase").code()).isEqualTo("invalid_credentials");

            Reply verified = verify(strict, newestTokenFor(strict, "new@example.org"));
            assertThat(verified.status()).isEqualTo(200);
            assertThat(login(strict, "new@example.org", ApiServer.PASSWORD).status()).isEqualTo(200);
            assertThat(login(strict, "new@example.org", "another passphrase").code()).as("the taken one changed nothing")
                    .isEqualTo("invalid_credentials");
        }
    }

    private static Reply accept(ApiServer server, String token, Map<String, Object> credentials) {
        Map<String, Object> body = new HashMap<>(credentials);
        body.putAll(Map.of("business_name", "Bright Bakery", "subdomain", "bright-bakery"));
        return server.post("/api/platform/tenant-invitations/token/" + token + "/accept", ANONYMOUS, body);
    }

    private static String invite(ApiServer server, String admin, String email) {
        String id = server.post("/api/platform/tenant-invitations", admin, Map.of("email", email)).json().path("id").asText();
        return server.tokenOf(id);
    }

    @Test
    void preSquattingTheRealInviteeClaimsTheAccountAndTheSquattersTokensDie() {
        String admin = api.adminToken();
        Reply squatter = api.signup("x@example.org");
        assertThat(squatter.status()).isEqualTo(201);
        String squatterAccess = squatter.json().path("access_token").asText();
        String squatterRefresh = squatter.json().path("refresh_token").asText();
        String token = invite(api, admin, "x@example.org");

        Reply accepted = accept(api, token, Map.of("password", NEW_PASSWORD, "first_name", "Grace",
                "last_name", "Hopper"));

        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().path("user").path("first_name").asText()).isEqualTo("Grace");
        String ownerAccess = accepted.json().path("access_token").asText();
        assertThat(api.get("/api/me", squatterAccess).status()).as("the squatter's access token").isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", ANONYMOUS, Map.of("refresh_token", squatterRefresh)).status())
                .as("the squatter's refresh token").isEqualTo(401);
        assertThat(login(api, "x@example.org", ApiServer.PASSWORD).code()).as("the squatter's password")
                .isEqualTo("invalid_credentials");
        assertThat(login(api, "x@example.org", NEW_PASSWORD).status()).isEqualTo(200);
        Reply me = api.get("/api/me", ownerAccess);
        assertThat(me.json().path("email_verified").asBoolean()).isTrue();
        assertThat(me.json().path("memberships").get(0).path("role").asText()).isEqualTo("OWNER");
        assertThat(api.storage.auditLog().events()).extracting(AuditEvent::action)
                .contains("account.claimed_by_invitation");
    }

    @Test
    void aVerifiedAccountWithAWrongPasswordAtAcceptIsStillRefused() {
        String admin = api.adminToken();
        api.signup("owner@example.org");
        verify(api, newestTokenFor(api, "owner@example.org"));
        String token = invite(api, admin, "owner@example.org");

        Reply refused = accept(api, token, Map.of("password", NEW_PASSWORD, "first_name", "Grace", "last_name", "Hopper"));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("invalid_credentials");
        assertThat(api.storage.auditLog().events()).extracting(AuditEvent::action)
                .doesNotContain("account.claimed_by_invitation");
        assertThat(accept(api, token, Map.of("password", ApiServer.PASSWORD)).status()).isEqualTo(201);
    }
}
