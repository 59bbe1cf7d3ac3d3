package io.invitekit.application.port.in;

import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;

/**
 * The signed-in user and the first page of the tenants they belong to (none means "join or
 * create"); {@code membershipsNextCursor} continues with {@link AccountUseCase#memberships}, null
 * when there are no more.
 */
public record MeView(UserView user, List<MembershipView> memberships, String membershipsNextCursor) {
    public record MembershipView(TenantId tenantId, String tenantName, String subdomain, Role role, Instant joinedAt) {
    }
}
