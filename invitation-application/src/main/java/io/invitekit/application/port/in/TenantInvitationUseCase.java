package io.invitekit.application.port.in;

import io.invitekit.domain.invitation.InvitationId;

/**
 * What platform admins do with tenant invitations. Every call first checks that the actor is a
 * platform admin ({@code forbidden}), then the command ({@code validation_failed} listing every
 * refused field at once).
 */
public interface TenantInvitationUseCase {

    /**
     * Creates a PENDING invitation and queues its email in the same transaction. The inviter's
     * display name comes from the user directory and is kept with the invitation.
     */
    InvitationView create(Actor actor, NewTenantInvitation.Builder invitation);

    default InvitationView create(Actor actor, NewTenantInvitation invitation) {
        return create(actor, invitation.toBuilder());
    }

    Page<InvitationView> list(Actor actor, InvitationQuery.Builder query);

    default Page<InvitationView> list(Actor actor, InvitationQuery query) {
        return list(actor, query.toBuilder());
    }

    /** @throws io.invitekit.domain.shared.DomainException {@code not_found} */
    InvitationView get(Actor actor, InvitationId id);

    /** A new token and lifetime; the email is queued again and unsent ones are withdrawn. */
    InvitationView resend(Actor actor, InvitationId id);

    /** Ends the invitation; unsent emails are withdrawn and a reserved subdomain released. */
    InvitationView cancel(Actor actor, InvitationId id);
}
