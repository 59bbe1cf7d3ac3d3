package io.invitekit.application.port.in;

import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;

/** One tenant a user belongs to, and as what. */
public record MembershipView(TenantId tenantId, String tenantName, String subdomain, Role role, Instant joinedAt) {
}
