package io.invitekit.application.port.in;

import io.invitekit.domain.invitation.InvitationStatus;
import java.time.Instant;
import java.util.Map;

/** What the person holding an invitation link may see before accepting. */
public record InvitationPreview(
        String email,
        String suggestedBusinessName,
        String subscriptionTier,
        Integer maxUsers,
        Integer maxResources,
        Map<String, Boolean> permissions,
        Map<String, Boolean> featureFlags,
        String reservedSubdomain,
        String inviterName,
        Instant expiresAt,
        InvitationStatus status) {
}
