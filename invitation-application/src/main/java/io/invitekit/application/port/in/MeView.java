package io.invitekit.application.port.in;

import java.util.List;

/**
 * The signed-in user and the first page of the tenants they belong to (none means "join or
 * create"); {@code membershipsNextCursor} continues with {@link TenantUseCase#memberships}, null
 * when there are no more. {@code emailVerified}: whether the account's email is verified.
 * {@code locale}: the language the account chose for pages and emails, null when none.
 */
public record MeView(UserView user, boolean emailVerified, List<MembershipView> memberships,
                     String membershipsNextCursor, String locale) {
}
