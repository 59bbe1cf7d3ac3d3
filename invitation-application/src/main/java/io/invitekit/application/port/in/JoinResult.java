package io.invitekit.application.port.in;

import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.TenantId;

public record JoinResult(TenantId tenantId, String tenantName, Role role, boolean alreadyMember) {
}
