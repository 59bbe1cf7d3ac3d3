package io.invitekit.application.service;

import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.DeadEmailView;
import io.invitekit.application.port.in.FieldErrors;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.OperationsUseCase;
import io.invitekit.application.port.out.MemberInvitations;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.QueuedMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import java.util.List;
import java.util.UUID;

/** The outbox's backlog and the pending invitations for gauges, who may read operational metrics, and the operator's dead emails. */
public final class OperationsService implements OperationsUseCase {
    private final Outbox outbox;
    private final TenantInvitationService invitations;
    private final TenantInvitations tenantInvitationStore;
    private final MemberInvitations memberInvitationStore;

    public OperationsService(Outbox outbox, TenantInvitationService invitations, TenantInvitations tenantInvitationStore,
                             MemberInvitations memberInvitationStore) {
        this.outbox = outbox;
        this.invitations = invitations;
        this.tenantInvitationStore = tenantInvitationStore;
        this.memberInvitationStore = memberInvitationStore;
    }

    @Override
    public long outboxBacklog() {
        return outbox.backlog();
    }

    @Override
    public long pendingTenantInvitations() {
        return tenantInvitationStore.countPending();
    }

    @Override
    public long pendingMemberInvitations() {
        return memberInvitationStore.countPending();
    }

    @Override
    public void requireMetricsReader(Actor actor) {
        Access.requireActor(actor);
        if (!actor.isPlatformAdmin()) {
            throw new RuleViolationException(ErrorCode.FORBIDDEN, "only platform admins may read metrics");
        }
    }

    @Override
    public List<DeadEmailView> deadEmails(int limit) {
        if (limit < 1 || limit > 1000) {
            FieldErrors in = new FieldErrors();
            in.add("limit", "must be from 1 to 1000");
            in.throwIfAny();
        }
        return outbox.dead(limit).stream()
                .map(m -> new DeadEmailView(m.id().value().toString(), m.kind(), m.recipient().value(), m.aggregateId(),
                        m.attempts(), m.lastError(), m.createdAt()))
                .toList();
    }

    @Override
    public InvitationView retryDeadEmail(String id) {
        FieldErrors in = new FieldErrors();
        OutboxMessageId messageId = in.required("id", id, raw -> {
            try {
                return new OutboxMessageId(UUID.fromString(raw.strip()));
            } catch (IllegalArgumentException notAnId) {
                throw new RuleViolationException(ErrorCode.VALIDATION_FAILED, "is not an email's id");
            }
        });
        in.throwIfAny();
        OutboxMessage dead = outbox.byId(messageId).filter(m -> m.status() == OutboxMessage.Status.DEAD)
                .orElseThrow(() -> new RuleViolationException(ErrorCode.NOT_FOUND, "no dead email has the id " + messageId));
        InvitationId invitation = dead.mail().accept(new QueuedMail.Visitor<InvitationId>() {
            @Override
            public InvitationId tenantInvitation(TenantInvitationMail.Queued mail) {
                return InvitationId.parse(dead.aggregateId()).orElseThrow(() -> cannotRetry(dead, "it names no invitation"));
            }

            @Override
            public InvitationId passwordReset(PasswordResetMail.Queued mail) {
                throw cannotRetry(dead, "its link's token is gone; the user asks for a new password reset link");
            }

            @Override
            public InvitationId emailVerification(io.invitekit.application.port.out.EmailVerificationMail.Queued mail) {
                throw cannotRetry(dead, "its link's token is gone; the user asks for a new verification link");
            }

            @Override
            public InvitationId signupAttempt(io.invitekit.application.port.out.SignupAttemptMail.Queued mail) {
                throw cannotRetry(dead, "it told of one sign-up attempt, long past");
            }

            @Override
            public InvitationId memberInvitation(io.invitekit.application.port.out.MemberInvitationMail.Queued mail) {
                throw cannotRetry(dead, "an owner or admin of the tenant resends the invitation");
            }

            @Override
            public InvitationId unreadable(QueuedMail.Unreadable mail) {
                throw cannotRetry(dead, "this release cannot read it (" + mail.problem() + ")");
            }
        });
        return invitations.resendForOperator(invitation);
    }

    private static RuleViolationException cannotRetry(OutboxMessage dead, String why) {
        return new RuleViolationException(ErrorCode.INVALID_TRANSITION,
                "the " + dead.kind() + " email " + dead.id() + " cannot be sent again: " + why);
    }
}
