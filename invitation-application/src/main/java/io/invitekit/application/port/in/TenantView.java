package io.invitekit.application.port.in;

import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import io.invitekit.domain.tenant.PlatformPermission;
import java.util.Map;
import java.util.Set;

/**
 * A tenant; {@code usage} is what it uses of its seats (its members and member invitations
 * stored PENDING, counted as the seat rule counts them; resources are not counted, only limited).
 * {@code members} is filled only for readers entitled to see them (else empty), and
 * holds at most {@link #EMBEDDED_MEMBERS}: {@code membersNextCursor} (null when all are shown)
 * goes on with {@link MemberUseCase#members}.
 */
public record TenantView(
        TenantId id,
        String name,
        String subdomain,
        String domain,
        String subscriptionTier,
        Integer maxUsers,
        Integer maxResources,
        Set<PlatformPermission> permissions,
        Map<String, Boolean> featureFlags,
        boolean active,
        String contactEmail,
        String phone,
        Instant createdAt,
        List<Member> members,
        String membersNextCursor,
        Usage usage) {

    /** The most members a tenant's view embeds. */
    public static final int EMBEDDED_MEMBERS = 50;

    /** Members and member invitations stored PENDING: together they never exceed {@code maxUsers}. */
    public record Usage(long members, long pendingInvitations) {
    }

    public record Member(UserView user, Role role, Instant joinedAt) {
    }
}
