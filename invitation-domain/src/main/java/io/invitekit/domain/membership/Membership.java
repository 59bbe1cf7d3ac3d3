package io.invitekit.domain.membership;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/** A user's place in a tenant. There is at most one per (tenant, user). */
public record Membership(TenantId tenantId, UserId userId, Role role, Instant joinedAt) {
    public Membership {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }
}
