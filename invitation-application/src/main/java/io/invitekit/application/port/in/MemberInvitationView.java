package io.invitekit.application.port.in;

import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.MemberInvitationId;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;

/**
 * A member invitation as its tenant's owners and admins see it; {@code status} as of now.
 * {@code invitedBy} as the directory knows the inviter; {@code acceptedBy}, {@code acceptedAt},
 * {@code cancelledAt} and {@code delivery} (the latest email's fate) may be null.
 */
public record MemberInvitationView(
        MemberInvitationId id,
        TenantId tenantId,
        String email,
        Role role,
        InvitationStatus status,
        UserView invitedBy,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt,
        Instant cancelledAt,
        io.invitekit.domain.account.UserId acceptedBy,
        int resendCount,
        Instant lastSentAt,
        DeliveryView delivery) {
}
