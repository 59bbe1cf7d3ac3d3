package io.invitekit.application.port.in;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import io.invitekit.domain.tenant.PlatformPermission;
import java.util.Map;
import java.util.Set;

/**
 * An invitation as admins see it. {@code status} is as of the moment it was read;
 * {@code maxUsers}/{@code maxResources} are the effective limits ({@code null} = unlimited).
 * Never the token.
 */
public record InvitationView(
        InvitationId id,
        String email,
        InvitationStatus status,
        String suggestedBusinessName,
        String subscriptionTier,
        Integer customMaxUsers,
        Integer customMaxResources,
        Integer maxUsers,
        Integer maxResources,
        Set<PlatformPermission> permissions,
        Map<String, Boolean> featureFlags,
        String reservedSubdomain,
        Inviter invitedBy,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt,
        Instant cancelledAt,
        TenantId createdTenantId,
        UserId createdUserId,
        int resendCount,
        Instant lastSentAt,
        DeliveryView delivery,
        String locale) {

    public record Inviter(UserId id, String email, String name) {
    }
}
