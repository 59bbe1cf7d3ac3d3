package io.invitekit.application.port.in;

import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.Role;
import java.time.Instant;

/**
 * What the holder of a member invitation link may see before accepting; looking never changes
 * anything. {@code inviterName} may be null.
 */
public record MemberInvitationPreview(String tenantName, String inviterName, Role role, String email,
                                      Instant expiresAt, InvitationStatus status) {
}
