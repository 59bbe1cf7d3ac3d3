package io.invitekit.adapter.http;

import static io.invitekit.adapter.http.ApiServer.ANONYMOUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.http.ApiServer.Reply;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Forgot password" over HTTP: the request, the email's token, the new password, and every refusal. */
class PasswordResetApiTest {
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private final ApiServer api = new ApiServer();

    @AfterEach
    void stop() {
        api.close();
    }

    private Reply requestReset(ApiServer server, String email) {
        return server.post("/api/auth/password-reset", ANONYMOUS, Map.of("email", email));
    }

    private Reply confirm(String token, String password) {
        return api.post("/api/auth/password-reset/confirm", ANONYMOUS, Map.of("token", token, "password", password));
    }

    private Reply login(String email, String password) {
        return api.post("/api/auth/login", ANONYMOUS, Map.of("email", email, "password", password));
    }

    private List<OutboxMessage> resetMailsTo(String email) {
        return api.storage.outbox().all().stream()
                .filter(m -> m.kind().equals(PasswordResetMail.KIND) && m.recipient().value().equals(email)).toList();
    }

    /** The raw token of the newest reset email queued for {@code email}: what its link carries. */
    private String newestTokenFor(String email) {
        List<OutboxMessage> mails = resetMailsTo(email);
        assertThat(mails).isNotEmpty();
        return mails.get(mails.size() - 1).secret();
    }

    @Test
    void aResetEmailCarriesALinkWhoseTokenSetsANewPassword() {
        api.signup("ana@example.org");

        Reply requested = requestReset(api, "ANA@example.org");
        assertThat(requested.status()).isEqualTo(202);
        String token = newestTokenFor("ana@example.org");
        assertThat(token).isNotBlank();

        api.kit.delivery().relayOnce();
        List<PasswordResetMail> sent = api.mail.sent(PasswordResetMail.class);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).to().value()).isEqualTo("ana@example.org");
        assertThat(sent.get(0).platformName()).isEqualTo("Acme Cloud");
        assertThat(sent.get(0).link().toString()).isEqualTo("https://app.acme.test/reset-password#token=" + token);
        assertThat(sent.get(0).expiresAt()).isEqualTo(api.clock.instant().plus(Duration.ofHours(1)));

        assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
        assertThat(login("ana@example.org", ApiServer.PASSWORD).code()).isEqualTo("invalid_credentials");
        assertThat(login("ana@example.org", NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anUnknownEmailGetsExactlyTheSameAnswerAndNoEmail() {
        api.signup("known@example.org");

        Reply known = requestReset(api, "known@example.org");
        Reply unknown = requestReset(api, "nobody@example.org");

        assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(unknown.header("Content-Type")).isEqualTo(known.header("Content-Type"));
        assertThat(resetMailsTo("known@example.org")).hasSize(1);
        assertThat(resetMailsTo("nobody@example.org")).isEmpty();
        assertThat(requestReset(api, "not an email").code()).isEqualTo("validation_failed");
    }

    @Test
    void requestsAreRateLimitedPerEmailAndPerAddress() {
        try (ApiServer limited = ApiServer.withRateLimits(r -> r
                .withPasswordResetPerEmail(new RateLimit("reset_email", 2, Duration.ofHours(1)))
                .withPasswordResetPerAddress(new RateLimit("reset_address", 4, Duration.ofMinutes(15))))) {
            assertThat(requestReset(limited, "v@example.org").status()).isEqualTo(202);
            assertThat(requestReset(limited, "V@example.org").status()).isEqualTo(202);
            Reply perEmail = requestReset(limited, "v@example.org");
            assertThat(perEmail.status()).isEqualTo(429);
            assertThat(perEmail.code()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(perEmail.header("Retry-After"))).isPositive();

            assertThat(requestReset(limited, "w@example.org").status()).isEqualTo(202);
            Reply perAddress = requestReset(limited, "x@example.org");
            assertThat(perAddress.status()).as("the fifth request from one address").isEqualTo(429);
            assertThat(perAddress.code()).isEqualTo("rate_limited");
        }
    }

    @Test
    void anUnknownOrMalformedTokenIsInvalidResetToken() {
        for (String token : List.of("not-a-token", "A".repeat(43), "")) {
            Reply refused = confirm(token, NEW_PASSWORD);
            assertThat(refused.status()).as(token).isEqualTo(410);
            assertThat(refused.code()).as(token).isEqualTo("invalid_reset_token");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void aTokenWorksOnce() {
        api.signup("once@example.org");
        requestReset(api, "once@example.org");
        String token = newestTokenFor("once@example.org");

        assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
        Reply again = confirm(token, "yet another passphrase");

        assertThat(again.status()).isEqualTo(410);
        assertThat(again.code()).isEqualTo("invalid_reset_token");
        assertThat(login("once@example.org", NEW_PASSWORD).status()).as("the second use changed nothing").isEqualTo(200);
    }

    @Test
    void aTokenExpiresAfterAnHour() {
        api.signup("late@example.org");
        requestReset(api, "late@example.org");
        String token = newestTokenFor("late@example.org");

        api.clock.advance(Duration.ofMinutes(60));

        assertThat(confirm(token, NEW_PASSWORD).code()).isEqualTo("invalid_reset_token");
        assertThat(login("late@example.org", ApiServer.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aTokenStillWorksJustBeforeItExpires() {
        api.signup("onTime@example.org");
        requestReset(api, "ontime@example.org");
        String token = newestTokenFor("ontime@example.org");

        api.clock.advance(Duration.ofMinutes(59));

        assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
    }

    @Test
    void aWeakNewPasswordIs422OnPasswordAndTheTokenStillWorks() {
        api.signup("weak@example.org");
        requestReset(api, "weak@example.org");
        String token = newestTokenFor("weak@example.org");

        for (String weak : List.of("short", "weak@example.org")) {
            Reply refused = confirm(token, weak);
            assertThat(refused.status()).as(weak).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("validation_failed");
            assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("password");
        }
        assertThat(confirm(token, NEW_PASSWORD).status()).isEqualTo(204);
    }

    @Test
    void aResetEndsEverySessionOfTheAccount() {
        Reply signedUp = api.signup("stolen@example.org");
        Reply otherDevice = login("stolen@example.org", ApiServer.PASSWORD);
        String otherUser = api.newUserToken();
        requestReset(api, "stolen@example.org");

        assertThat(confirm(newestTokenFor("stolen@example.org"), NEW_PASSWORD).status()).isEqualTo(204);

        for (Reply session : List.of(signedUp, otherDevice)) {
            assertThat(api.get("/api/me", session.json().path("access_token").asText()).code()).isEqualTo("unauthenticated");
            assertThat(api.post("/api/auth/refresh", ANONYMOUS,
                    Map.of("refresh_token", session.json().path("refresh_token").asText())).code())
                    .isEqualTo("unauthenticated");
        }
        assertThat(api.get("/api/me", otherUser).status()).as("another account's session lives on").isEqualTo(200);
    }

    @Test
    void aNewerRequestSupersedesTheOlderTokenAndWithdrawsItsUnsentEmail() {
        api.signup("twice@example.org");
        requestReset(api, "twice@example.org");
        String older = newestTokenFor("twice@example.org");
        api.clock.advance(Duration.ofMinutes(1));
        requestReset(api, "twice@example.org");
        String newer = newestTokenFor("twice@example.org");

        List<OutboxMessage> mails = resetMailsTo("twice@example.org");
        assertThat(mails).extracting(OutboxMessage::status)
                .containsExactly(OutboxMessage.Status.WITHDRAWN, OutboxMessage.Status.PENDING);
        assertThat(mails.get(0).secret()).as("the withdrawn token is purged").isNull();
        api.kit.delivery().relayOnce();
        assertThat(api.mail.sent(PasswordResetMail.class)).hasSize(1);

        assertThat(confirm(older, NEW_PASSWORD).code()).isEqualTo("invalid_reset_token");
        assertThat(confirm(newer, NEW_PASSWORD).status()).isEqualTo(204);
    }

    @Test
    void aPlatformAdminCanResetTheirPasswordToo() {
        String adminToken = api.adminToken();
        requestReset(api, "root@acme.test");

        assertThat(confirm(newestTokenFor("root@acme.test"), NEW_PASSWORD).status()).isEqualTo(204);

        assertThat(api.get("/api/me", adminToken).status()).isEqualTo(401);
        Reply login = login("root@acme.test", NEW_PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("user").path("platform_role").asText()).isEqualTo("PLATFORM_ADMIN");
    }
}
