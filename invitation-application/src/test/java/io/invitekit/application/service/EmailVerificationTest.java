package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.config.RateLimits;
import io.invitekit.application.port.in.AcceptResult;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.in.OwnerCredentials;
import io.invitekit.application.port.in.PasswordResetRequest;
import io.invitekit.application.port.in.ResetPassword;
import io.invitekit.application.port.in.SignupResult;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.VerificationEmailRequest;
import io.invitekit.application.port.in.VerifyEmail;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.shared.ValidationException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Email verification (issue 12 item 1) and the invitation link that proves the address (item 2),
 * on in-memory ports: every rule and every refusal.
 */
class EmailVerificationTest {
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private final TestKit t = new TestKit();
    private final TestKit strict = new TestKit(s -> s.requireVerifiedEmail(true));

    private static List<OutboxMessage> mails(TestKit kit, String kind) {
        return kit.storage.outbox().all().stream().filter(m -> m.kind().equals(kind)).toList();
    }

    private static String newestVerificationToken(TestKit kit) {
        List<OutboxMessage> sent = mails(kit, EmailVerificationMail.KIND);
        return sent.get(sent.size() - 1).secret();
    }

    private static Account account(TestKit kit, String email) {
        return kit.storage.accounts().byEmail(EmailAddress.of(email)).orElseThrow();
    }

    private static List<String> actions(TestKit kit) {
        return kit.storage.auditLog().events().stream().map(AuditEvent::action).toList();
    }

    private static void resend(TestKit kit, String email) {
        kit.kit.accounts().resendVerificationEmail(VerificationEmailRequest.forEmail(email).from("198.51.100.9"));
    }

    private static SignupResult signup(TestKit kit, String email, String password) {
        return kit.kit.accounts().signup(NewAccount.email(email).password(password).name("Sam", "Squat"));
    }

    // ---- verification --------------------------------------------------------------------------

    @Test
    void sign_up_queues_a_verification_email_whose_token_is_kept_as_a_digest_for_24_hours() {
        AuthResult ana = t.signup("ana@example.org");

        OutboxMessage queued = mails(t, EmailVerificationMail.KIND).get(0);
        assertThat(queued.recipient()).isEqualTo(EmailAddress.of("ana@example.org"));
        assertThat(queued.aggregateId()).isEqualTo("email_verification:" + ana.user().id());
        assertThat(t.storage.emailVerifications().byDigest(SecretToken.parse(queued.secret()).digest()))
                .hasValueSatisfying(v -> {
                    assertThat(v.userId()).isEqualTo(ana.user().id());
                    assertThat(v.expiresAt()).isEqualTo(TestKit.START.plus(Duration.ofHours(24)));
                    assertThat(v.digest().hex()).isNotEqualTo(queued.secret());
                });
        assertThat(account(t, "ana@example.org").isEmailVerified()).isFalse();
        assertThat(t.kit.accounts().me(Actor.user(ana.user().id())).emailVerified()).isFalse();
        assertThat(actions(t)).containsSubsequence("account.created", "account.verification_email_queued");
    }

    @Test
    void the_relay_builds_the_link_from_the_verification_link_template() {
        t.signup("ana@example.org");
        String token = newestVerificationToken(t);

        t.kit.delivery().relayOnce();

        assertThat(t.mail.sent(EmailVerificationMail.class)).singleElement().satisfies(mail -> {
            assertThat(mail.link()).hasToString("https://app.acme.test/verify-email#token=" + token);
            assertThat(mail.expiresInHours()).isEqualTo(24);
            assertThat(mail.platformName()).isEqualTo("Acme Cloud");
        });
    }

    @Test
    void the_link_verifies_the_email_signs_in_ends_older_sessions_and_works_once() {
        AuthResult before = t.signup("ana@example.org");
        String token = newestVerificationToken(t);
        t.clock.advance(Duration.ofMinutes(3));

        AuthResult signedIn = t.kit.accounts().verifyEmail(VerifyEmail.token(token).password(TestKit.PASSWORD).from("198.51.100.9"));

        assertThat(signedIn.user().id()).isEqualTo(before.user().id());
        assertThat(t.kit.accounts().authenticate(signedIn.accessToken())).isPresent();
        assertThat(t.kit.accounts().authenticate(before.accessToken())).as("made before the proof").isEmpty();
        assertThat(account(t, "ana@example.org").emailVerifiedAt()).isEqualTo(TestKit.START.plus(Duration.ofMinutes(3)));
        assertThat(t.kit.accounts().me(Actor.user(before.user().id())).emailVerified()).isTrue();
        assertThat(actions(t)).contains("account.email_verified");
        refused(ErrorCode.INVALID_VERIFICATION_TOKEN, () -> t.kit.accounts().verifyEmail(VerifyEmail.token(token).password(TestKit.PASSWORD)));
    }

    @Test
    void the_link_alone_verifies_nothing_whoever_follows_it_must_know_the_accounts_password() {
        // Someone signs up with ana's address and a password of their own; ana gets the link.
        signup(t, "ana@example.org", "the squatter's password");
        String token = newestVerificationToken(t);

        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.accounts().verifyEmail(VerifyEmail.token(token)));
        refused(ErrorCode.INVALID_CREDENTIALS,
                () -> t.kit.accounts().verifyEmail(VerifyEmail.token(token).password("ana's own password")));
        assertThat(account(t, "ana@example.org").isEmailVerified()).as("the squatter's account stays unverified").isFalse();
        assertThat(actions(t)).doesNotContain("account.email_verified");

        // Whoever chose the password verifies with it: the link stayed usable.
        t.kit.accounts().verifyEmail(VerifyEmail.token(token).password("the squatter's password"));
        assertThat(account(t, "ana@example.org").isEmailVerified()).isTrue();
    }

    @Test
    void once_verified_emails_are_required_the_sessions_an_unverified_account_held_sign_nothing_in() {
        AuthResult ana = t.signup("ana@example.org"); // before the deployment required verified emails
        AuthResult bob = t.signup("bob@example.org");
        t.kit.accounts().verifyEmail(VerifyEmail.token(newestVerificationToken(t)).password(TestKit.PASSWORD));
        io.invitekit.application.Invitekit strictNow = io.invitekit.application.Invitekit.builder()
                .settings(io.invitekit.application.config.InvitekitSettings.defaults().toBuilder()
                        .platformName("Acme Cloud").platformDomain("acme.test")
                        .baseUrl(java.net.URI.create("https://app.acme.test")).requireVerifiedEmail(true).build())
                .clock(t.clock).random(new Random(8)).storage(t.storage).mailSender(t.mail).rateLimiter(t.limiter)
                .inMemory().build();

        assertThat(strictNow.accounts().authenticate(ana.accessToken())).isEmpty();
        assertThat(strictNow.sessions().authenticate(ana.accessToken(),
                io.invitekit.domain.account.SessionKind.API)).isEmpty();
        refused(ErrorCode.UNAUTHENTICATED, () -> strictNow.accounts().refresh(ana.refreshToken()));
        refused(ErrorCode.UNAUTHENTICATED, () -> strictNow.sessions().exchange(ana.accessToken(),
                io.invitekit.domain.account.SessionOrigin.UNKNOWN));

        AuthResult verified = t.kit.accounts().login(LogIn.with("bob@example.org", TestKit.PASSWORD));
        assertThat(strictNow.accounts().authenticate(verified.accessToken())).as("a verified account's").isPresent();
    }

    @Test
    void unknown_malformed_missing_and_expired_tokens_are_refused_alike() {
        t.signup("ana@example.org");
        String token = newestVerificationToken(t);
        for (String presented : new String[] {null, "", "not a token", SecretToken.generate(new Random(1)).reveal()}) {
            refused(ErrorCode.INVALID_VERIFICATION_TOKEN, () -> t.kit.accounts().verifyEmail(VerifyEmail.token(presented).password(TestKit.PASSWORD)));
        }
        t.clock.advance(Duration.ofHours(24));

        refused(ErrorCode.INVALID_VERIFICATION_TOKEN, () -> t.kit.accounts().verifyEmail(VerifyEmail.token(token).password(TestKit.PASSWORD)));
        assertThat(account(t, "ana@example.org").isEmailVerified()).isFalse();
    }

    @Test
    void a_resend_supersedes_the_older_link_and_withdraws_its_unsent_email() {
        t.signup("ana@example.org");
        String first = newestVerificationToken(t);
        t.clock.advance(Duration.ofSeconds(AccountService.VERIFICATION_RESEND_COOLDOWN_SECONDS + 1));

        resend(t, "ANA@example.org");

        String second = newestVerificationToken(t);
        assertThat(second).isNotEqualTo(first);
        assertThat(mails(t, EmailVerificationMail.KIND)).extracting(OutboxMessage::status)
                .containsExactly(OutboxMessage.Status.WITHDRAWN, OutboxMessage.Status.PENDING);
        refused(ErrorCode.INVALID_VERIFICATION_TOKEN, () -> t.kit.accounts().verifyEmail(VerifyEmail.token(first).password(TestKit.PASSWORD)));
        t.kit.accounts().verifyEmail(VerifyEmail.token(second).password(TestKit.PASSWORD));
        assertThat(account(t, "ana@example.org").isEmailVerified()).isTrue();
    }

    @Test
    void a_resend_within_the_cooldown_or_for_a_verified_or_unknown_email_queues_nothing() {
        t.signup("ana@example.org");
        t.clock.advance(Duration.ofSeconds(AccountService.VERIFICATION_RESEND_COOLDOWN_SECONDS - 1));
        resend(t, "ana@example.org");
        assertThat(mails(t, EmailVerificationMail.KIND)).as("within the cooldown").hasSize(1);

        t.clock.advance(Duration.ofSeconds(2));
        resend(t, "ana@example.org");
        assertThat(mails(t, EmailVerificationMail.KIND)).as("after it").hasSize(2);

        t.kit.accounts().verifyEmail(VerifyEmail.token(newestVerificationToken(t)).password(TestKit.PASSWORD));
        t.clock.advance(Duration.ofMinutes(5));
        resend(t, "ana@example.org");
        resend(t, "nobody@example.org");
        assertThat(mails(t, EmailVerificationMail.KIND)).as("verified, unknown").hasSize(2);
    }

    @Test
    void a_resend_needs_a_well_formed_email_and_is_limited_per_email_and_per_address() {
        for (String email : new String[] {null, "", "not an email"}) {
            ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                    () -> t.kit.accounts().resendVerificationEmail(VerificationEmailRequest.forEmail(email)));
            assertThat(refusal.errors()).extracting(e -> e.field()).containsExactly("email");
        }
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withVerificationResendPerEmail(new RateLimit("verify_resend_email", 2, Duration.ofHours(1)))
                .withVerificationResendPerAddress(new RateLimit("verify_resend_address", 4, Duration.ofHours(1)))));
        resend(limited, "x@example.org");
        resend(limited, "x@example.org");
        refused(ErrorCode.RATE_LIMITED, () -> resend(limited, "x@example.org"));
        resend(limited, "y@example.org");
        refused(ErrorCode.RATE_LIMITED, () -> resend(limited, "z@example.org"));
    }

    @Test
    void a_password_reset_proves_the_address_too() {
        t.signup("ana@example.org");
        t.kit.accounts().requestPasswordReset(PasswordResetRequest.forEmail("ana@example.org"));
        String token = mails(t, PasswordResetMail.KIND).get(0).secret();

        String olderLink = newestVerificationToken(t);

        t.kit.accounts().resetPassword(ResetPassword.token(token).password(NEW_PASSWORD));

        assertThat(account(t, "ana@example.org").emailVerifiedAt()).isEqualTo(TestKit.START);
        // The older verification link would end the sessions made with the new password: it is used up.
        refused(ErrorCode.INVALID_VERIFICATION_TOKEN, () -> t.kit.accounts().verifyEmail(VerifyEmail.token(olderLink).password(TestKit.PASSWORD)));
    }

    @Test
    void the_first_platform_admin_is_verified() {
        t.admin();
        assertThat(account(t, "root@acme.test").isEmailVerified()).isTrue();
    }

    // ---- verified emails required --------------------------------------------------------------

    @Test
    void with_verified_emails_required_sign_up_answers_alike_for_a_new_and_a_taken_email() {
        SignupResult fresh = signup(strict, "new@example.org", TestKit.PASSWORD);
        Account created = account(strict, "new@example.org");

        SignupResult taken = signup(strict, "NEW@example.org", "another passphrase here");

        assertThat(fresh).isEqualTo(SignupResult.checkYourEmail()).isEqualTo(taken);
        assertThat(fresh.verificationRequired()).isTrue();
        assertThat(account(strict, "new@example.org")).as("nothing changed by the second").isEqualTo(created);
        assertThat(mails(strict, EmailVerificationMail.KIND)).hasSize(1);
        assertThat(mails(strict, SignupAttemptMail.KIND)).singleElement().satisfies(m -> {
            assertThat(m.recipient()).isEqualTo(EmailAddress.of("new@example.org"));
            assertThat(m.secret()).isNull();
        });
        assertThat(actions(strict)).contains("account.signup_attempted");

        strict.kit.delivery().relayOnce();
        assertThat(strict.mail.sent(SignupAttemptMail.class)).singleElement().satisfies(mail -> {
            assertThat(mail.logInLink()).hasToString("https://app.acme.test/login");
            assertThat(mail.passwordResetLink()).hasToString("https://app.acme.test/forgot-password");
        });
    }

    @Test
    void sign_up_attempts_with_one_taken_address_send_it_a_few_emails_at_most() {
        signup(strict, "owner@example.org", TestKit.PASSWORD);
        for (int i = 0; i < 6; i++) {
            assertThat(signup(strict, "owner@example.org", TestKit.PASSWORD).verificationRequired()).isTrue();
        }
        assertThat(mails(strict, SignupAttemptMail.KIND)).hasSize(3);
    }

    @Test
    void with_verified_emails_required_log_in_needs_the_password_first_then_a_verified_email() {
        signup(strict, "ana@example.org", TestKit.PASSWORD);

        refused(ErrorCode.INVALID_CREDENTIALS,
                () -> strict.kit.accounts().login(LogIn.with("ana@example.org", "a wrong passphrase")));
        refused(ErrorCode.EMAIL_NOT_VERIFIED,
                () -> strict.kit.accounts().login(LogIn.with("ana@example.org", TestKit.PASSWORD)));

        AuthResult verified = strict.kit.accounts().verifyEmail(VerifyEmail.token(newestVerificationToken(strict)).password(TestKit.PASSWORD));
        assertThat(strict.kit.accounts().login(LogIn.with("ana@example.org", TestKit.PASSWORD)).user().id())
                .isEqualTo(verified.user().id());
    }

    @Test
    void with_verified_emails_required_joining_by_code_needs_a_verified_email() {
        Actor owner = Actor.user(strict.kit.accounts().verifyEmail(VerifyEmail.token(
                tokenAfterSignup(strict, "owner@example.org")).password(TestKit.PASSWORD)).user().id());
        TenantView family = strict.kit.tenants().create(owner, NewTenant.named("The Garcias"));
        String code = strict.kit.joinCodes().view(owner, family.id()).code();
        String kimToken = tokenAfterSignup(strict, "kim@example.org");
        Actor kim = Actor.user(account(strict, "kim@example.org").id());

        refused(ErrorCode.EMAIL_NOT_VERIFIED, () -> strict.kit.joinCodes().join(kim, JoinWithCode.code(code)));
        refused(ErrorCode.EMAIL_NOT_VERIFIED, () -> strict.kit.joinCodes().join(kim, JoinWithCode.code("nonsense")));

        strict.kit.accounts().verifyEmail(VerifyEmail.token(kimToken).password(TestKit.PASSWORD));
        assertThat(strict.kit.joinCodes().join(kim, JoinWithCode.code(code)).tenantId()).isEqualTo(family.id());
    }

    private static String tokenAfterSignup(TestKit kit, String email) {
        signup(kit, email, TestKit.PASSWORD);
        return newestVerificationToken(kit);
    }

    @Test
    void without_the_setting_an_unverified_account_logs_in_and_joins_as_before() {
        Actor owner = t.user("owner@example.org");
        TenantView family = t.family(owner, "The Garcias");
        String code = t.kit.joinCodes().view(owner, family.id()).code();
        Actor kim = t.user("kim@example.org");

        assertThat(t.kit.joinCodes().join(kim, JoinWithCode.code(code)).tenantId()).isEqualTo(family.id());
        assertThat(t.kit.accounts().login(LogIn.with("kim@example.org", TestKit.PASSWORD))).isNotNull();
    }

    // ---- an invitation link proves the address -----------------------------------------------

    @Test
    void an_invitation_link_claims_an_unverified_account_made_by_someone_else() {
        Actor admin = t.admin();
        AuthResult squatter = t.signup("owner@example.org");
        Account squatted = account(t, "owner@example.org");
        InvitationView invitation = t.invite(admin, "owner@example.org");
        t.clock.advance(Duration.ofMinutes(1));

        AcceptResult accepted = t.kit.accounts().acceptInvitation(TestKit.acceptance(t.tokenOf(invitation), "bakery"),
                OwnerCredentials.password(NEW_PASSWORD).name("Grace", "Hopper"));

        Account claimed = account(t, "owner@example.org");
        assertThat(claimed.id()).isEqualTo(squatted.id());
        assertThat(claimed.firstName().value()).isEqualTo("Grace");
        assertThat(claimed.lastName().value()).isEqualTo("Hopper");
        assertThat(claimed.emailVerifiedAt()).isEqualTo(TestKit.START.plus(Duration.ofMinutes(1)));
        assertThat(accepted.auth().user().firstName()).isEqualTo("Grace");
        assertThat(t.kit.accounts().authenticate(squatter.accessToken())).as("the squatter's session").isEmpty();
        assertThat(t.kit.accounts().authenticate(accepted.auth().accessToken())).isPresent();
        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().login(LogIn.with("owner@example.org", TestKit.PASSWORD)));
        assertThat(t.kit.accounts().login(LogIn.with("owner@example.org", NEW_PASSWORD)).user().id()).isEqualTo(claimed.id());
        AuditEvent claim = t.storage.auditLog().events().stream()
                .filter(e -> e.action().equals("account.claimed_by_invitation")).findFirst().orElseThrow();
        assertThat(claim.actor()).isEqualTo(claimed.id());
        assertThat(claim.tenant()).isEqualTo(accepted.tenant().id());
        assertThat(claim.subject()).isEqualTo(claimed.id().toString());
    }

    @Test
    void a_claim_without_names_keeps_the_old_ones_and_spends_no_log_in_allowance() {
        TestKit limited = new TestKit(s -> s.rateLimits(RateLimits.defaults()
                .withLoginPerEmail(new RateLimit("login_email", 1, Duration.ofHours(1)))));
        Actor admin = limited.admin();
        signup(limited, "owner@example.org", TestKit.PASSWORD);
        InvitationView invitation = limited.invite(admin, "owner@example.org");

        limited.kit.accounts().acceptInvitation(acceptanceOf(limited, invitation),
                OwnerCredentials.password(NEW_PASSWORD));

        assertThat(account(limited, "owner@example.org").firstName().value()).isEqualTo("Sam");
        assertThat(limited.kit.accounts().login(LogIn.with("owner@example.org", NEW_PASSWORD))).as("budget intact")
                .isNotNull();
    }

    private static io.invitekit.application.port.in.AcceptInvitation.Builder acceptanceOf(TestKit kit,
                                                                                               InvitationView invitation) {
        return TestKit.acceptance(kit.tokenOf(invitation), "bakery");
    }

    @Test
    void a_claim_with_a_password_the_policy_refuses_changes_nothing() {
        Actor admin = t.admin();
        AuthResult squatter = t.signup("owner@example.org");
        Account squatted = account(t, "owner@example.org");
        InvitationView invitation = t.invite(admin, "owner@example.org");

        ValidationException refusal = (ValidationException) refused(ErrorCode.VALIDATION_FAILED,
                () -> t.kit.accounts().acceptInvitation(acceptanceOf(t, invitation),
                        OwnerCredentials.password("short")));

        assertThat(refusal.errors()).extracting(e -> e.field()).containsExactly("password");
        assertThat(account(t, "owner@example.org")).isEqualTo(squatted);
        assertThat(t.kit.accounts().authenticate(squatter.accessToken())).isPresent();
    }

    @Test
    void a_verified_account_still_needs_its_own_password_at_accept() {
        Actor admin = t.admin();
        t.verifiedSignup("owner@example.org");
        InvitationView invitation = t.invite(admin, "owner@example.org");

        refused(ErrorCode.INVALID_CREDENTIALS, () -> t.kit.accounts().acceptInvitation(acceptanceOf(t, invitation),
                OwnerCredentials.password(NEW_PASSWORD).name("Grace", "Hopper")));

        assertThat(actions(t)).doesNotContain("account.claimed_by_invitation");
        AcceptResult accepted = t.kit.accounts().acceptInvitation(acceptanceOf(t, invitation),
                OwnerCredentials.password(TestKit.PASSWORD));
        assertThat(accepted.auth().user().firstName()).isEqualTo("Ada");
    }

    @Test
    void an_account_made_by_an_accept_is_verified() {
        Actor admin = t.admin();
        InvitationView invitation = t.invite(admin, "fresh@example.org");

        t.accept(t.tokenOf(invitation), "fresh");

        assertThat(account(t, "fresh@example.org").emailVerifiedAt()).isEqualTo(TestKit.START);
    }

    @Test
    void of_several_uses_racing_for_one_verification_link_exactly_one_signs_in() throws Exception {
        t.signup("race@example.org");
        String token = newestVerificationToken(t);
        int racers = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        try {
            List<java.util.concurrent.Callable<Boolean>> uses = new java.util.ArrayList<>();
            for (int i = 0; i < racers; i++) {
                uses.add(() -> {
                    try {
                        t.kit.accounts().verifyEmail(VerifyEmail.token(token).password(TestKit.PASSWORD));
                        return true;
                    } catch (io.invitekit.domain.shared.DomainException refused) {
                        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_VERIFICATION_TOKEN);
                        return false;
                    }
                });
            }
            int wins = 0;
            for (java.util.concurrent.Future<Boolean> use : pool.invokeAll(uses, 60, java.util.concurrent.TimeUnit.SECONDS)) {
                wins += use.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(actions(t).stream().filter("account.email_verified"::equals)).hasSize(1);
    }
}
