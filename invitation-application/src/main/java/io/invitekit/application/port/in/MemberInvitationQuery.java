package io.invitekit.application.port.in;

import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.shared.EmailAddress;

/**
 * Which of a tenant's member invitations to list, newest first: {@code status} and {@code email}
 * filter when given. Built from an {@link InvitationQuery} builder ({@code InvitationQuery.all()}),
 * which reads the same filters.
 */
public record MemberInvitationQuery(InvitationStatus status, EmailAddress email, PageRequest page) {
    public static MemberInvitationQuery of(InvitationQuery query) {
        return new MemberInvitationQuery(query.status(), query.email(), query.page());
    }
}
