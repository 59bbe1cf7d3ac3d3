package io.invitekit.application.port.in;

import io.invitekit.domain.invitation.InvitationStatus;
import java.time.Instant;
import io.invitekit.domain.tenant.PlatformPermission;
import java.util.Map;
import java.util.Set;

/** What the person holding an invitation link may see before accepting. */
public record InvitationPreview(
        String email,
        String suggestedBusinessName,
        String subscriptionTier,
        Integer maxUsers,
        Integer maxResources,
        Set<PlatformPermission> permissions,
        Map<String, Boolean> featureFlags,
        String reservedSubdomain,
        String inviterName,
        Instant expiresAt,
        InvitationStatus status,
        String locale) {
}
