package io.invitekit.application.service;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.DeadEmailView;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.PasswordResetRequest;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What operators read: who may read metrics, and the outbox's backlog. */
class OperationsServiceTest {
    private final TestKit t = new TestKit();
    private final Actor admin = t.admin();

    @Test
    void onlyPlatformAdminsReadMetrics() {
        t.kit.operations().requireMetricsReader(admin);

        refused(ErrorCode.FORBIDDEN, () -> t.kit.operations().requireMetricsReader(t.newUser()));
        refused(ErrorCode.UNAUTHENTICATED, () -> t.kit.operations().requireMetricsReader(null));
    }

    @Test
    void theBacklogCountsEmailsQueuedOrWaitingForARetry() {
        assertThat(t.kit.operations().outboxBacklog()).isZero();
        t.invite(admin, "a@example.org");
        t.invite(admin, "b@example.org");
        assertThat(t.kit.operations().outboxBacklog()).isEqualTo(2);

        t.mail.setDown(true);
        t.kit.delivery().relayOnce();
        assertThat(t.kit.operations().outboxBacklog()).as("both wait for a retry").isEqualTo(2);

        t.mail.setDown(false);
        t.clock.advance(Duration.ofMinutes(1));
        t.kit.delivery().relayOnce();
        assertThat(t.kit.operations().outboxBacklog()).isZero();
    }

    /** The relay gives up on every due email at once, as after a permanent refusal. */
    private void everyDueEmailDies() {
        for (OutboxMessage m : t.storage.outbox().claimDue("test-relay", t.clock.instant(), Duration.ofMinutes(5), 100)) {
            t.storage.outbox().markFailed(m.id(), "test-relay", 1, "550 no such user", null);
        }
    }

    @Test
    void deadEmailsAreListedNewestFirstWithWhatTheyWereAbout() {
        InvitationView first = t.invite(admin, "a@example.org");
        t.clock.advance(Duration.ofSeconds(1));
        InvitationView second = t.invite(admin, "b@example.org");
        everyDueEmailDies();

        List<DeadEmailView> dead = t.kit.operations().deadEmails(10);

        assertThat(dead).extracting(DeadEmailView::aboutId).containsExactly(second.id().toString(), first.id().toString());
        assertThat(dead.get(0)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo("tenant_invitation");
            assertThat(d.recipient()).isEqualTo("b@example.org");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).isEqualTo("550 no such user");
        });
        assertThat(t.kit.operations().deadEmails(1)).hasSize(1);
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.operations().deadEmails(0));
    }

    @Test
    void retryingADeadInvitationEmailResendsItWithANewLinkThatWorks() {
        InvitationView invitation = t.invite(admin, "owner@example.org");
        everyDueEmailDies();
        String deadId = t.kit.operations().deadEmails(10).get(0).id();
        t.clock.advance(Duration.ofMinutes(1)); // the resend cooldown applies to a retry too

        InvitationView resent = t.kit.operations().retryDeadEmail(deadId);

        assertThat(resent.id()).isEqualTo(invitation.id());
        assertThat(resent.resendCount()).isEqualTo(1);
        assertThat(t.kit.delivery().relayOnce().sent()).isEqualTo(1);
        String token = TestKit.linkOf(t.mail.sent().get(0)).replaceAll(".*token=", "");
        assertThat(t.kit.acceptance().preview(token).email()).isEqualTo("owner@example.org");
        assertThat(t.storage.outbox().byId(new OutboxMessageId(UUID.fromString(deadId))).orElseThrow().status())
                .as("the dead one stays, for the record").isEqualTo(OutboxMessage.Status.DEAD);
        assertThat(t.storage.auditLog().events()).extracting(AuditEvent::action).contains("tenant_invitation.resent");
    }

    @Test
    void onlyADeadEmailOfAPendingInvitationCanBeRetried() {
        InvitationView cancelled = t.invite(admin, "gone@example.org");
        everyDueEmailDies();
        String deadOfCancelled = t.kit.operations().deadEmails(10).get(0).id();
        t.kit.invitations().cancel(admin, cancelled.id());
        t.invite(admin, "waiting@example.org");
        String pending = t.storage.outbox().all().stream().filter(m -> m.status() == OutboxMessage.Status.PENDING)
                .findFirst().orElseThrow().id().toString();

        refused(ErrorCode.INVALID_TRANSITION, () -> t.kit.operations().retryDeadEmail(deadOfCancelled));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.operations().retryDeadEmail(pending));
        refused(ErrorCode.NOT_FOUND, () -> t.kit.operations().retryDeadEmail(UUID.randomUUID().toString()));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.operations().retryDeadEmail("not-an-id"));
        refused(ErrorCode.VALIDATION_FAILED, () -> t.kit.operations().retryDeadEmail(" "));
    }

    @Test
    void aDeadPasswordResetEmailIsNotRetriedTheUserAsksAgain() {
        t.signup("ana@example.org");
        t.kit.accounts().requestPasswordReset(PasswordResetRequest.forEmail("ana@example.org"));
        everyDueEmailDies();
        String dead = t.kit.operations().deadEmails(10).get(0).id();

        DomainException refusal = refused(ErrorCode.INVALID_TRANSITION, () -> t.kit.operations().retryDeadEmail(dead));

        assertThat(refusal.getMessage()).contains("password_reset", "asks for a new password reset link");
        assertThat(t.kit.operations().outboxBacklog()).isZero();
    }

    @Test
    void aDeadMemberInvitationEmailIsNotRetriedAnOwnerOrAdminResendsTheInvitation() {
        String invitationId = UUID.randomUUID().toString();
        t.storage.outbox().enqueue(OutboxMessage.queue(new OutboxMessageId(UUID.randomUUID()),
                new MemberInvitationMail.Queued(EmailAddress.of("bea@example.org"), "Acme Cloud", "Ada Lovelace",
                        "Bob's Bakery", Role.MEMBER, t.clock.instant().plus(Duration.ofDays(7)), 7),
                "the-token", invitationId, t.clock.instant()));
        everyDueEmailDies();
        DeadEmailView dead = t.kit.operations().deadEmails(10).get(0);
        assertThat(dead.kind()).isEqualTo("member_invitation");
        assertThat(dead.aboutId()).isEqualTo(invitationId);

        DomainException refusal = refused(ErrorCode.INVALID_TRANSITION, () -> t.kit.operations().retryDeadEmail(dead.id()));

        assertThat(refusal.getMessage()).contains("member_invitation", dead.id(),
                "an owner or admin of the tenant resends the invitation");
        assertThat(t.kit.operations().outboxBacklog()).as("nothing was queued again").isZero();
        assertThat(t.storage.outbox().byId(new OutboxMessageId(UUID.fromString(dead.id()))).orElseThrow().status())
                .isEqualTo(OutboxMessage.Status.DEAD);
    }
}
