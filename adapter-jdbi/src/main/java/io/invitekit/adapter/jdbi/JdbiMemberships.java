package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.HotReads;
import io.invitekit.adapter.jdbi.internal.MembershipRow;
import io.invitekit.adapter.jdbi.internal.MembershipSql;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Memberships in {@code memberships}. The user limit (members plus member invitations stored
 * PENDING) and the last-owner guard are each one conditional update of the tenant row's counts
 * ({@code member_count}, {@code pending_invitations}, {@code owner_count}), made before the
 * membership row is written: it holds the tenant row until commit, so two owners demoting or
 * removing each other queue there and the second finds one owner left. A count read by a
 * subquery would not do: under READ COMMITTED both would read two. The tenants a user owns are
 * counted in the user's row of {@code owned_tenant_counts} (no foreign key: users may live in an
 * embedder's own store). No refusal raises a database error, so the surrounding transaction goes on.
 */
final class JdbiMemberships implements Memberships {
    private final Handles handles;

    private final String firstWithTenants;
    private final String withTenantsAfter;

    JdbiMemberships(Handles handles) {
        this.handles = handles;
        this.firstWithTenants = handles.render(HotReads.FIRST_MEMBERSHIPS_WITH_TENANTS);
        this.withTenantsAfter = handles.render(HotReads.MEMBERSHIPS_WITH_TENANTS_AFTER);
    }

    /** Whether this is the store that {@code other} reads: a statement of one may join the other's tables. */
    boolean keptIn(Handles other) {
        return handles == other;
    }

    @Override
    public AddOutcome add(Membership membership, Limit userLimit) {
        return handles.atomically(handle -> {
            MembershipSql sql = handle.attach(MembershipSql.class);
            UUID tenant = membership.tenantId().value();
            int owners = membership.role() == Role.OWNER ? 1 : 0;
            int counted = userLimit.isUnlimited()
                    ? sql.countOneMore(tenant, owners)
                    : sql.countOneMoreWithin(tenant, userLimit.max(), owners);
            if (counted == 0) {
                return sql.find(tenant, membership.userId().value()).isPresent()
                        ? AddOutcome.ALREADY_MEMBER
                        : AddOutcome.TENANT_FULL;
            }
            if (sql.insert(MembershipRow.of(membership)) == 0) {
                sql.countOneLess(tenant, owners);
                return AddOutcome.ALREADY_MEMBER;
            }
            return AddOutcome.ADDED;
        });
    }

    @Override
    public java.util.Map<TenantId, Usage> usage(java.util.Collection<TenantId> tenants) {
        if (tenants.isEmpty()) {
            return java.util.Map.of();
        }
        List<UUID> ids = tenants.stream().map(TenantId::value).distinct().toList();
        java.util.Map<TenantId, Usage> usage = new java.util.LinkedHashMap<>();
        for (MembershipSql.UsageRow row : handles.call(MembershipSql.class, sql -> sql.usage(ids))) {
            usage.put(new TenantId(row.id()), new Usage(row.memberCount(), row.pendingInvitations()));
        }
        return usage;
    }

    @Override
    public Optional<Membership> find(TenantId tenant, UserId user) {
        return handles.call(MembershipSql.class, sql -> sql.find(tenant.value(), user.value()).map(MembershipRow::toDomain));
    }

    @Override
    public List<Membership> ofUser(UserId user) {
        return handles.call(MembershipSql.class, sql -> sql.ofUser(user.value())).stream()
                .map(MembershipRow::toDomain).toList();
    }

    @Override
    public List<Membership> ofUser(UserId user, Position after, int limit) {
        return handles.call(MembershipSql.class, sql -> after == null
                        ? sql.firstOfUser(user.value(), limit)
                        : sql.ofUserAfter(user.value(), after.joinedAt(), after.tenant().value(), limit))
                .stream().map(MembershipRow::toDomain).toList();
    }

    /** One statement (the page joined to its tenants) when {@code tenants} is this store's. */
    @Override
    public List<WithTenant> ofUserWithTenants(UserId user, Position after, int limit, Tenants tenants) {
        if (!(tenants instanceof JdbiTenants own && own.keptIn(handles))) {
            return Memberships.super.ofUserWithTenants(user, after, limit, tenants);
        }
        List<HotReads.MembershipWithTenantRow> rows = after == null
                ? handles.list(firstWithTenants, (r, ctx) -> HotReads.MembershipWithTenantRow.read(r), user.value(), limit)
                : handles.list(withTenantsAfter, (r, ctx) -> HotReads.MembershipWithTenantRow.read(r), user.value(),
                        after.joinedAt(), after.joinedAt(), after.tenant().value(), limit);
        return rows.stream().map(row -> new WithTenant(row.membership().toDomain(),
                row.tenant() == null ? null : row.tenant().toDomain())).toList();
    }

    @Override
    public List<Membership> ofTenant(TenantId tenant) {
        return handles.call(MembershipSql.class, sql -> sql.ofTenant(tenant.value())).stream()
                .map(MembershipRow::toDomain).toList();
    }

    @Override
    public long count(TenantId tenant) {
        return handles.call(MembershipSql.class, sql -> sql.count(tenant.value()));
    }

    @Override
    public boolean countOwnedTenant(UserId owner, Limit limit) {
        return handles.atomically(handle -> {
            MembershipSql sql = handle.attach(MembershipSql.class);
            sql.insertOwnedCount(owner.value());
            return (limit.isUnlimited()
                    ? sql.countOneMoreOwned(owner.value())
                    : sql.countOneMoreOwnedWithin(owner.value(), limit.max())) == 1;
        });
    }

    @Override
    public int ownedTenants(UserId owner) {
        return handles.call(MembershipSql.class, sql -> sql.owned(owner.value()).orElse(0));
    }

    @Override
    public List<Membership> ofTenant(TenantId tenant, MemberPosition after, int limit) {
        return handles.call(MembershipSql.class, sql -> after == null
                        ? sql.firstOfTenant(tenant.value(), limit)
                        : sql.ofTenantAfter(tenant.value(), after.joinedAt(), after.user().value(), limit))
                .stream().map(MembershipRow::toDomain).toList();
    }

    @Override
    public Change changeRole(TenantId tenant, UserId user, Role from, Role to) {
        if (from == to) {
            return find(tenant, user).filter(m -> m.role() == from).isPresent() ? Change.DONE : Change.NOT_FOUND;
        }
        return handles.atomically(handle -> {
            MembershipSql sql = handle.attach(MembershipSql.class);
            int owners = (to == Role.OWNER ? 1 : 0) - (from == Role.OWNER ? 1 : 0);
            if (owners < 0 && sql.countOneOwnerLessKeepingOne(tenant.value()) == 0) {
                return refusal(sql, tenant, user, from);
            }
            if (owners > 0) {
                sql.countOwners(tenant.value(), 1);
            }
            if (sql.changeRole(tenant.value(), user.value(), from.name(), to.name()) == 0) {
                if (owners != 0) {
                    sql.countOwners(tenant.value(), -owners);
                }
                return Change.NOT_FOUND;
            }
            return Change.DONE;
        });
    }

    @Override
    public Change remove(TenantId tenant, UserId user, Role expected) {
        return handles.atomically(handle -> {
            MembershipSql sql = handle.attach(MembershipSql.class);
            boolean owner = expected == Role.OWNER;
            int counted = owner ? sql.countOneOwningMemberLess(tenant.value()) : sql.countOneMemberLess(tenant.value());
            if (counted == 0) {
                return refusal(sql, tenant, user, expected);
            }
            if (sql.deleteWithRole(tenant.value(), user.value(), expected.name()) == 0) {
                sql.countOneMore(tenant.value(), owner ? 1 : 0); // gives the count back: nobody was removed
                return Change.NOT_FOUND;
            }
            return Change.DONE;
        });
    }

    /** Why the tenant row refused: the member is still the {@code role} expected (so the last owner), or not. */
    private static Change refusal(MembershipSql sql, TenantId tenant, UserId user, Role role) {
        boolean stillSo = sql.find(tenant.value(), user.value()).filter(m -> m.role().equals(role.name())).isPresent();
        return stillSo && role == Role.OWNER ? Change.LAST_OWNER : Change.NOT_FOUND;
    }
}
