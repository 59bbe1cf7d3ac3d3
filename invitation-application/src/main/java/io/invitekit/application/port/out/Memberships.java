package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Optional;

/** Persistence of memberships: at most one per (tenant, user); and how many tenants each user owns. */
public interface Memberships {

    enum AddOutcome { ADDED, ALREADY_MEMBER, TENANT_FULL }

    /** What {@link #changeRole} and {@link #remove} did. */
    enum Change {
        DONE,
        /** No membership of that user with the expected role (gone, or changed meanwhile): nothing written. */
        NOT_FOUND,
        /** It would leave the tenant without an OWNER: nothing written. */
        LAST_OWNER
    }

    /** Where a page of a tenant's members ended: the last one's join time and user. */
    record MemberPosition(Instant joinedAt, UserId user) {
        public static MemberPosition of(Membership last) {
            return new MemberPosition(last.joinedAt(), last.userId());
        }
    }

    /** Where a page of a user's memberships ended: the last one's join time and tenant. */
    record Position(Instant joinedAt, TenantId tenant) {
        public static Position of(Membership last) {
            return new Position(last.joinedAt(), last.tenantId());
        }
    }

    /**
     * Adds the membership unless the user already belongs to the tenant or the tenant already
     * has {@code userLimit} members plus member invitations stored PENDING (each holds a seat,
     * see {@link MemberInvitations}); the tenant must exist. The check and the insert are one atomic step in the store,
     * so concurrent joins never push a tenant over its limit. Never aborts the surrounding
     * transaction for the two refusals.
     */
    AddOutcome add(Membership membership, Limit userLimit);

    Optional<Membership> find(TenantId tenant, UserId user);

    /** All of them, oldest first: for a user with many, page with {@link #ofUser(UserId, Position, int)}. */
    List<Membership> ofUser(UserId user);

    /**
     * At most {@code limit} of the user's memberships, oldest first (by join time, then tenant id),
     * those after {@code after} when it is given: keyset paging, whose cost does not grow with the
     * pages before.
     */
    List<Membership> ofUser(UserId user, Position after, int limit);

    /** A membership and its tenant ({@code null} when {@code tenants} does not know it). */
    record WithTenant(Membership membership, Tenant tenant) {
        public WithTenant {
            java.util.Objects.requireNonNull(membership, "membership");
        }
    }

    /**
     * {@link #ofUser(UserId, Position, int)} with each membership's tenant from {@code tenants}:
     * what a user's page of memberships shows. The default reads the page, then its tenants; a
     * store that keeps {@code tenants} itself may read both in one statement (it must fall back to
     * this default for any other {@code Tenants}).
     */
    default List<WithTenant> ofUserWithTenants(UserId user, Position after, int limit, Tenants tenants) {
        List<Membership> page = ofUser(user, after, limit);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<TenantId, Tenant> byId = tenants.byIds(page.stream().map(Membership::tenantId).toList()).stream()
                .collect(Collectors.toMap(Tenant::id, Function.identity()));
        return page.stream().map(m -> new WithTenant(m, byId.get(m.tenantId()))).toList();
    }

    /** Oldest first. */
    List<Membership> ofTenant(TenantId tenant);

    /**
     * At most {@code limit} of the tenant's members, oldest first (by join time, then user id),
     * those after {@code after} when it is given (keyset paging).
     */
    List<Membership> ofTenant(TenantId tenant, MemberPosition after, int limit);

    long count(TenantId tenant);

    /**
     * What each tenant uses of its seats: its members and its member invitations stored PENDING
     * (an expired one counts until the sweeper writes it EXPIRED), as the seat rule counts them.
     * Tenants that do not exist may be left out.
     */
    java.util.Map<TenantId, Usage> usage(java.util.Collection<TenantId> tenants);

    /** A tenant's members and member invitations stored PENDING. */
    record Usage(long members, long pendingInvitations) {
        public static final Usage NONE = new Usage(0, 0);
    }

    /**
     * Sets the role of {@code user} in {@code tenant} to {@code to}, only if it is still
     * {@code from}. Demoting an OWNER is refused ({@link Change#LAST_OWNER}) when no other OWNER
     * would remain: the store decides this atomically, so that two owners demoting each other at
     * the same moment still leave one. Never aborts the surrounding transaction.
     */
    Change changeRole(TenantId tenant, UserId user, Role from, Role to);

    /**
     * Removes {@code user} from {@code tenant} (a removal or a leave), only if their role is still
     * {@code expected}, freeing a seat. Removing the last OWNER is refused
     * ({@link Change#LAST_OWNER}), atomically as in {@link #changeRole}.
     */
    Change remove(TenantId tenant, UserId user, Role expected);

    /**
     * Counts one more tenant owned by {@code owner}, unless they already own {@code limit}: one
     * atomic conditional increment that holds the owner's count until commit, so that concurrent
     * creates by one user never pass the limit. Called in the transaction that adds an OWNER
     * membership (a rollback gives the count back); never aborts that transaction.
     *
     * @return false when the owner already owns {@code limit} tenants
     */
    boolean countOwnedTenant(UserId owner, Limit limit);

    /** How many tenants {@link #countOwnedTenant} has counted for the user (0 for one never counted). */
    int ownedTenants(UserId owner);
}
