package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.PasswordResetRequest;
import io.invitekit.application.port.in.ResetPassword;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The password reset use cases on in-memory ports: the rules, the audit, and a race for one token. */
class PasswordResetTest {
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private final TestKit t = new TestKit();

    private void request(String email) {
        t.kit.accounts().requestPasswordReset(PasswordResetRequest.forEmail(email).from("198.51.100.7"));
    }

    private List<OutboxMessage> resetMails() {
        return t.storage.outbox().all().stream().filter(m -> m.kind().equals(PasswordResetMail.KIND)).toList();
    }

    private String newestToken() {
        List<OutboxMessage> mails = resetMails();
        return mails.get(mails.size() - 1).secret();
    }

    private List<String> actions() {
        return t.storage.auditLog().events().stream().map(AuditEvent::action).toList();
    }

    @Test
    void a_reset_is_audited_and_only_the_token_digest_is_kept() {
        AuthResult ana = t.signup("ana@example.org");
        request("ana@example.org");
        String token = newestToken();

        assertThat(t.storage.passwordResets().byDigest(io.invitekit.domain.shared.SecretToken.parse(token).digest()))
                .hasValueSatisfying(reset -> {
                    assertThat(reset.userId()).isEqualTo(ana.user().id());
                    assertThat(reset.expiresAt()).isEqualTo(TestKit.START.plus(Duration.ofHours(1)));
                    assertThat(reset.digest().hex()).isNotEqualTo(token);
                });
        t.kit.accounts().resetPassword(ResetPassword.token(token).password(NEW_PASSWORD));

        assertThat(actions()).containsSubsequence("account.created", "account.password_reset_requested",
                "account.password_reset");
        AuditEvent reset = t.storage.auditLog().events().get(t.storage.auditLog().events().size() - 1);
        assertThat(reset.actor()).isEqualTo(ana.user().id());
        assertThat(reset.subject()).isEqualTo(ana.user().id().toString());
        assertThat(t.kit.accounts().authenticate(ana.accessToken())).as("signed out").isEmpty();
    }

    @Test
    void an_unknown_email_leaves_no_trace() {
        request("nobody@example.org");

        assertThat(resetMails()).isEmpty();
        assertThat(actions()).isEmpty();
    }

    @Test
    void a_missing_or_malformed_email_is_refused_on_the_email_field() {
        for (String email : new String[] {null, "", "not an email"}) {
            ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                    () -> t.kit.accounts().requestPasswordReset(PasswordResetRequest.forEmail(email)));
            assertThat(refusal.errors()).extracting(e -> e.field()).containsExactly("email");
        }
    }

    @Test
    void a_missing_password_is_refused_on_the_password_field_and_keeps_the_token() {
        t.signup("keep@example.org");
        request("keep@example.org");
        String token = newestToken();

        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                () -> t.kit.accounts().resetPassword(ResetPassword.token(token)));

        assertThat(refusal.errors()).extracting(e -> e.field()).containsExactly("password");
        t.kit.accounts().resetPassword(ResetPassword.token(token).password(NEW_PASSWORD));
    }

    @Test
    void a_reset_uses_up_every_other_unused_token_of_the_account() {
        t.signup("two@example.org");
        request("two@example.org");
        String first = newestToken();
        // A second request supersedes the first: only the newest link works.
        request("two@example.org");
        String second = newestToken();

        refused(ErrorCode.INVALID_RESET_TOKEN,
                () -> t.kit.accounts().resetPassword(ResetPassword.token(first).password(NEW_PASSWORD)));
        t.kit.accounts().resetPassword(ResetPassword.token(second).password(NEW_PASSWORD));
        assertThat(t.kit.accounts().login(LogIn.with("two@example.org", NEW_PASSWORD)).user().email())
                .isEqualTo("two@example.org");
    }

    @Test
    void of_two_resets_racing_with_one_token_exactly_one_succeeds() throws Exception {
        t.signup("race@example.org");
        request("race@example.org");
        String token = newestToken();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Boolean>> resets = new ArrayList<>();
            for (String password : List.of("first racer passphrase", "second racer passphrase")) {
                resets.add(() -> {
                    try {
                        t.kit.accounts().resetPassword(ResetPassword.token(token).password(password));
                        return true;
                    } catch (io.invitekit.domain.shared.DomainException refused) {
                        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_RESET_TOKEN);
                        return false;
                    }
                });
            }
            int wins = 0;
            for (Future<Boolean> reset : pool.invokeAll(resets, 60, TimeUnit.SECONDS)) {
                wins += reset.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(actions().stream().filter("account.password_reset"::equals)).hasSize(1);
    }
}
