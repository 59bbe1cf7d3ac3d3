package io.invitekit.application.port.in;

import java.util.List;

/** What operators and their tools read about the running application. */
public interface OperationsUseCase {

    /** Emails waiting to be sent (queued or to be retried). */
    long outboxBacklog();

    /**
     * Tenant invitations stored PENDING (an expired one until the sweeper writes it EXPIRED): one
     * indexed count, cheap enough to run at every metrics scrape.
     */
    long pendingTenantInvitations();

    /** Member invitations stored PENDING, as {@link #pendingTenantInvitations()}. */
    long pendingMemberInvitations();

    /**
     * Refuses ({@code forbidden}) an actor who may not read operational metrics: only platform
     * admins may, unless the deployment made metrics public (which the caller decides).
     */
    void requireMetricsReader(Actor actor);

    /** The newest dead emails first (at most {@code limit}, 1 to 1000), for operators. */
    List<DeadEmailView> deadEmails(int limit);

    /**
     * Sends a dead email again. Its token was purged when it died, so it cannot be sent as it was:
     * a tenant invitation's is resent (a new token and email, the old link stops working) under
     * the resend rules, and only while the invitation is PENDING; a password reset email is not
     * retried (the user asks for a new link). The dead message stays as it is, for the record.
     *
     * @return the invitation resent, with its latest delivery
     * @throws io.invitekit.domain.shared.DomainException {@code validation_failed} ({@code id})
     *         for an id that is not one; {@code not_found} for no dead email with that id;
     *         {@code invalid_transition} for an email that cannot be retried, and whatever a
     *         resend refuses ({@code invitation_accepted}, {@code resend_limit_reached}, …)
     */
    InvitationView retryDeadEmail(String id);
}
