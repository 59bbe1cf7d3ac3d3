package io.invitekit.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.CodeRotation;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.MemberInvitationView;
import io.invitekit.application.port.in.NewMemberInvitation;
import io.invitekit.application.port.in.PasswordResetRequest;
import io.invitekit.application.port.in.ResetPassword;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.in.VerifiedUser;
import io.invitekit.application.port.in.VerifyEmail;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.tenant.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the events carry: the events the relay, the sweeper and the join code add, and no token,
 * password, join code or session secret in any event's subject or data, across the flows that
 * handle them.
 */
class EventDataTest {
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private final TestKit t = new TestKit();
    /** Every secret the flows below handled; none may appear in an event. */
    private final Set<String> secrets = new HashSet<>(Set.of(TestKit.PASSWORD, NEW_PASSWORD));

    /** Keeps every secret the outbox holds now (they are purged once sent) and its digest. */
    private void collectOutboxSecrets() {
        for (OutboxMessage message : t.storage.outbox().all()) {
            if (message.secret() != null) {
                secrets.add(message.secret());
                secrets.add(SecretToken.parse(message.secret()).digest().hex());
            }
        }
    }

    private String newestSecret(String kind) {
        List<OutboxMessage> mails = t.storage.outbox().all().stream().filter(m -> m.kind().equals(kind)).toList();
        return mails.get(mails.size() - 1).secret();
    }

    private String tokenFor(String email) {
        return t.storage.outbox().all().stream().filter(m -> m.recipient().value().equals(email))
                .reduce((first, second) -> second).orElseThrow().secret();
    }

    private List<AuditEvent> events() {
        return t.storage.auditLog().events();
    }

    private List<AuditEvent> of(EventType type) {
        return events().stream().filter(e -> e.action().equals(type.wireName())).toList();
    }

    @Test
    void no_event_carries_a_token_password_join_code_or_session_secret() {
        // accounts: signup, verification, login, refresh, password reset
        AuthResult ana = t.signup("ana@example.org");
        secrets.add(ana.accessToken());
        secrets.add(ana.refreshToken());
        collectOutboxSecrets();
        AuthResult verified = t.kit.accounts().verifyEmail(VerifyEmail.token(newestSecret(EmailVerificationMail.KIND))
                .password(TestKit.PASSWORD).from("198.51.100.9"));
        secrets.add(verified.accessToken());
        secrets.add(verified.refreshToken());
        t.kit.accounts().requestPasswordReset(PasswordResetRequest.forEmail("ana@example.org").from("198.51.100.7"));
        collectOutboxSecrets();
        t.kit.accounts().resetPassword(ResetPassword.token(newestSecret(PasswordResetMail.KIND)).password(NEW_PASSWORD));
        AuthResult loggedIn = t.kit.accounts().login(LogIn.with("ana@example.org", NEW_PASSWORD));
        secrets.add(loggedIn.accessToken());
        secrets.add(loggedIn.refreshToken());
        AuthResult refreshed = t.kit.accounts().refresh(loggedIn.refreshToken());
        secrets.add(refreshed.accessToken());
        secrets.add(refreshed.refreshToken());

        // a tenant invitation: created, sent, resent, accepted
        Actor admin = t.admin();
        InvitationView invitation = t.invite(admin, "grace@example.org");
        collectOutboxSecrets();
        t.kit.delivery().relayOnce();
        t.clock.advance(Duration.ofHours(1)); // a resend moments after the last email is refused
        t.kit.invitations().resend(admin, invitation.id());
        collectOutboxSecrets();
        String invitationToken = tokenFor("grace@example.org"); // purged once sent
        t.kit.delivery().relayOnce();
        AuthResult grace = t.accept(invitationToken, "bright").auth();
        secrets.add(grace.accessToken());
        secrets.add(grace.refreshToken());
        Actor owner = Actor.user(grace.user().id());
        TenantId tenant = t.storage.memberships().find(t.storedTenants().get(0).id(), owner.id()).orElseThrow().tenantId();

        // members: invited, accepted; a join code off, then rotated on, then used
        String email = "max@example.org";
        Actor max = t.user(email);
        MemberInvitationView memberInvitation = t.kit.members().invite(owner, tenant, NewMemberInvitation.to(email)
                .role(Role.ADMIN));
        collectOutboxSecrets();
        t.kit.members().accept(VerifiedUser.of(max.id(), email), tokenFor(email), "192.0.2.7");
        t.kit.joinCodes().disable(owner, tenant);
        String code = t.kit.joinCodes().rotate(owner, tenant, CodeRotation.unlimited()).code();
        secrets.add(code);
        t.kit.joinCodes().join(t.newUser(), JoinWithCode.code(code).from("192.0.2.1"));

        assertThat(of(EventType.MEMBER_INVITATION_ACCEPTED)).extracting(AuditEvent::subject)
                .containsExactly(memberInvitation.id().toString());
        assertThat(secrets).hasSizeGreaterThan(15);
        assertThat(events()).hasSizeGreaterThan(15);
        for (AuditEvent event : events()) {
            List<String> carried = new ArrayList<>(event.details().values());
            carried.addAll(event.details().keySet());
            if (event.subject() != null) {
                carried.add(event.subject());
            }
            for (String value : carried) {
                for (String secret : secrets) {
                    assertThat(value).as("%s carries a secret", event.action()).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void the_relay_records_a_tenant_invitation_sent_only_once_the_email_went() {
        Actor admin = t.admin();
        InvitationView invitation = t.invite(admin, "grace@example.org");
        assertThat(of(EventType.TENANT_INVITATION_SENT)).isEmpty();

        t.kit.delivery().relayOnce();

        assertThat(of(EventType.TENANT_INVITATION_SENT)).singleElement().satisfies(sent -> {
            assertThat(sent.subject()).isEqualTo(invitation.id().toString());
            assertThat(sent.actor()).isNull();
            assertThat(sent.tenant()).isNull();
            assertThat(sent.details()).containsEntry("email", "grace@example.org").containsEntry("attempt", "1");
        });
        assertThat(t.mail.sent()).hasSize(1);
        // a password reset email is no invitation: no such event for it
        t.signup("ana@example.org");
        t.kit.delivery().relayOnce();
        assertThat(of(EventType.TENANT_INVITATION_SENT)).hasSize(1);
    }

    @Test
    void the_sweeper_records_one_expired_event_per_invitation_it_expired() {
        Actor admin = t.admin();
        InvitationView first = t.invite(admin, "a@example.org");
        InvitationView second = t.invite(admin, "b@example.org");
        Actor owner = t.user("olga@family.example");
        TenantView family = t.family(owner, "The Smiths");
        MemberInvitationView member = t.kit.members().invite(owner, family.id(),
                NewMemberInvitation.to("m@example.org").role(Role.MEMBER).expiresInDays(1));
        t.clock.advance(Duration.ofDays(60));

        int swept = 0;
        for (int round = 0; round < 10; round++) {
            int expired = t.kit.delivery().sweepExpiredOnce();
            swept += expired;
            if (expired == 0) {
                break;
            }
        }

        assertThat(swept).isEqualTo(3);
        assertThat(of(EventType.TENANT_INVITATION_EXPIRED)).extracting(AuditEvent::subject)
                .containsExactlyInAnyOrder(first.id().toString(), second.id().toString());
        assertThat(of(EventType.MEMBER_INVITATION_EXPIRED)).singleElement().satisfies(e -> {
            assertThat(e.subject()).isEqualTo(member.id().toString());
            assertThat(e.tenant()).isEqualTo(family.id());
            assertThat(e.at()).isEqualTo(t.clock.instant());
        });
        assertThat(t.kit.delivery().sweepExpiredOnce()).isZero();
        assertThat(of(EventType.TENANT_INVITATION_EXPIRED)).hasSize(2);
    }

    @Test
    void a_rotation_that_turns_joining_on_records_join_code_enabled_and_one_that_does_not_does_not() {
        Actor owner = t.user("olga@family.example");
        TenantView family = t.family(owner, "The Smiths");
        t.kit.joinCodes().rotate(owner, family.id(), CodeRotation.unlimited());
        assertThat(of(EventType.JOIN_CODE_ENABLED)).isEmpty();

        t.kit.joinCodes().disable(owner, family.id());
        t.kit.joinCodes().rotate(owner, family.id(), CodeRotation.unlimited());

        assertThat(of(EventType.JOIN_CODE_DISABLED)).hasSize(1);
        assertThat(of(EventType.JOIN_CODE_ENABLED)).singleElement().satisfies(e -> {
            assertThat(e.tenant()).isEqualTo(family.id());
            assertThat(e.actor()).isEqualTo(owner.id());
        });
        assertThat(of(EventType.JOIN_CODE_ROTATED)).hasSize(2);
    }

    /**
     * Every type is recorded by some service: a constant nobody records would be a promise to
     * listeners and webhook receivers that never comes. The webhook endpoint's own events are
     * recorded by the webhook service (issue 14, its own part).
     */
    @Test
    void every_event_type_is_recorded_somewhere_in_the_services() throws IOException {
        Path services = Path.of("src/main/java/io/invitekit/application/service");
        String source;
        try (Stream<Path> files = Files.list(services)) {
            source = files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
        List<String> unrecorded = Arrays.stream(EventType.values())
                .filter(type -> !type.name().startsWith("WEBHOOK_ENDPOINT_"))
                .map(EventType::name)
                .filter(name -> !source.contains("EventType." + name))
                .toList();

        assertThat(unrecorded).isEmpty();
    }
}
