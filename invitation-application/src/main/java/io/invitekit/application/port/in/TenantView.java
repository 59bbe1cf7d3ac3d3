package io.invitekit.application.port.in;

import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import io.invitekit.domain.tenant.PlatformPermission;
import java.util.Map;
import java.util.Set;

/** A tenant; {@code members} is filled only for readers entitled to see them (else empty). */
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
        List<Member> members) {

    public record Member(UserView user, Role role, Instant joinedAt) {
    }
}
