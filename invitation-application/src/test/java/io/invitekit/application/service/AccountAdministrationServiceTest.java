package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.AccountAdministrationUseCase.OperatorPassword;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.PasswordResetRequest;
import io.invitekit.application.port.in.ResetPassword;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.shared.ErrorCode;
import org.junit.jupiter.api.Test;

/** The operator's account commands: setting a password ends sessions and reset links; another admin. */
class AccountAdministrationServiceTest {
    private static final String NEW_PASSWORD = "an operator's new passphrase";
    private final TestKit t = new TestKit();

    @Test
    void setting_a_password_ends_every_session_and_only_the_new_password_logs_in() {
        t.admin();
        AuthResult first = t.kit.accounts().login(LogIn.with("root@acme.test", TestKit.PASSWORD));
        AuthResult second = t.kit.accounts().login(LogIn.with("root@acme.test", TestKit.PASSWORD));

        OperatorPassword set = t.kit.accountAdministration().setPassword("Root@Acme.test", NEW_PASSWORD);

        assertThat(set).isEqualTo(new OperatorPassword("root@acme.test", null));
        assertThat(t.kit.accounts().authenticate(first.accessToken())).isEmpty();
        assertThat(t.kit.accounts().authenticate(second.accessToken())).isEmpty();
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.accounts().refresh(first.refreshToken()));
        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().login(LogIn.with("root@acme.test", TestKit.PASSWORD)));
        AuthResult again = t.kit.accounts().login(LogIn.with("root@acme.test", NEW_PASSWORD));
        assertThat(again.user().platformRole()).isEqualTo(PlatformRole.PLATFORM_ADMIN);
        assertThat(t.storage.auditLog().events()).extracting(AuditEvent::action).contains("account.password_set_by_operator");
    }

    @Test
    void without_a_password_one_is_generated_returned_once_and_it_logs_in() {
        t.signup("ana@example.org");

        OperatorPassword set = t.kit.accountAdministration().setPassword("ana@example.org", null);

        assertThat(set.generatedPassword()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(set.toString()).doesNotContain(set.generatedPassword());
        assertThat(t.kit.accounts().login(LogIn.with("ana@example.org", set.generatedPassword())).user().email())
                .isEqualTo("ana@example.org");
    }

    @Test
    void setting_a_password_voids_the_unused_reset_links_and_withdraws_their_unsent_emails() {
        t.signup("ana@example.org");
        t.kit.accounts().requestPasswordReset(PasswordResetRequest.forEmail("ana@example.org"));
        OutboxMessage resetMail = t.storage.outbox().all().stream()
                .filter(m -> m.kind().equals(PasswordResetMail.KIND)).findFirst().orElseThrow();
        String token = resetMail.secret();

        t.kit.accountAdministration().setPassword("ana@example.org", NEW_PASSWORD);

        assertThat(t.storage.outbox().byId(resetMail.id())).hasValueSatisfying(m ->
                assertThat(m.status()).isEqualTo(OutboxMessage.Status.WITHDRAWN));
        refused(ErrorCode.INVALID_RESET_TOKEN,
                () -> t.kit.accounts().resetPassword(ResetPassword.token(token).password("yet another passphrase")));
    }

    @Test
    void an_unknown_email_a_malformed_one_or_a_weak_password_is_refused_and_changes_nothing() {
        t.signup("ana@example.org");

        refused(ErrorCode.NOT_FOUND, () -> t.kit.accountAdministration().setPassword("nobody@example.org", NEW_PASSWORD));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.accountAdministration().setPassword("not an email", NEW_PASSWORD));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.accountAdministration().setPassword("ana@example.org", "short"));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.accountAdministration().setPassword("ana@example.org", ""));

        assertThat(t.kit.accounts().login(LogIn.with("ana@example.org", TestKit.PASSWORD)).user().email())
                .isEqualTo("ana@example.org");
    }

    @Test
    void an_operator_creates_another_platform_admin_who_logs_in_as_one() {
        t.admin();

        OperatorPassword created = t.kit.accountAdministration().createPlatformAdmin("ops@acme.test", null);

        AuthResult ops = t.kit.accounts().login(LogIn.with("ops@acme.test", created.generatedPassword()));
        assertThat(ops.user().platformRole()).isEqualTo(PlatformRole.PLATFORM_ADMIN);
        assertThat(t.kit.accounts().authenticate(ops.accessToken()).orElseThrow().isPlatformAdmin()).isTrue();
        assertThat(t.kit.accounts().me(Actor.user(ops.user().id())).emailVerified())
                .as("the operator vouches for the address: no invitation link can claim the admin").isTrue();
    }

    @Test
    void an_admin_created_before_the_first_start_is_the_first_admin() {
        t.kit.accountAdministration().createPlatformAdmin("ops@acme.test", NEW_PASSWORD);

        assertThat(t.kit.accounts().createFirstPlatformAdmin("root@acme.test", TestKit.PASSWORD)).isEmpty();
        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().login(LogIn.with("root@acme.test", TestKit.PASSWORD)));
    }

    @Test
    void an_existing_account_is_never_made_an_admin_and_a_bad_password_is_refused() {
        t.signup("ana@example.org");

        refused(ErrorCode.EMAIL_TAKEN, () -> t.kit.accountAdministration().createPlatformAdmin("ana@example.org", NEW_PASSWORD));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.accountAdministration().createPlatformAdmin("ops@acme.test", "short"));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.accountAdministration().createPlatformAdmin("", NEW_PASSWORD));

        assertThat(t.kit.accounts().login(LogIn.with("ana@example.org", TestKit.PASSWORD)).user().platformRole())
                .isEqualTo(PlatformRole.NONE);
        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().login(LogIn.with("ops@acme.test", "short")));
    }
}
