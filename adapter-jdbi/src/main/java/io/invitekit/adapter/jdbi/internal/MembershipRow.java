package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code memberships}. */
public record MembershipRow(UUID tenantId, UUID userId, String role, Instant joinedAt) {

    static final String COLUMNS = "tenant_id, user_id, role, joined_at";

    public static MembershipRow of(Membership m) {
        return new MembershipRow(m.tenantId().value(), m.userId().value(), m.role().name(), m.joinedAt());
    }

    public Membership toDomain() {
        return new Membership(new TenantId(tenantId), new UserId(userId), Role.valueOf(role), joinedAt);
    }
}
