package io.invitekit.application.port.in;

import java.util.List;

/**
 * The signed-in user and the first page of the tenants they belong to (none means "join or
 * create"); {@code membershipsNextCursor} continues with {@link TenantUseCase#memberships}, null
 * when there are no more.
 */
public record MeView(UserView user, List<MembershipView> memberships, String membershipsNextCursor) {
}
