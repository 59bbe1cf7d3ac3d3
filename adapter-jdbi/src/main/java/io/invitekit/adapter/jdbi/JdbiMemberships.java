package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.MembershipRow;
import io.invitekit.adapter.jdbi.internal.MembershipSql;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Memberships in {@code memberships}; the user limit is checked and counted by one conditional
 * update of the tenant's {@code member_count}, the tenants a user owns by one of the user's row in
 * {@code owned_tenant_counts} (no foreign key: users may live in an embedder's own store). No
 * refusal raises a database error, so the surrounding transaction goes on.
 */
final class JdbiMemberships implements Memberships {
    private final Handles handles;

    JdbiMemberships(Handles handles) {
        this.handles = handles;
    }

    @Override
    public AddOutcome add(Membership membership, Limit userLimit) {
        return handles.atomically(handle -> {
            MembershipSql sql = handle.attach(MembershipSql.class);
            if (sql.insert(MembershipRow.of(membership)) == 0) {
                return AddOutcome.ALREADY_MEMBER;
            }
            int counted = userLimit.isUnlimited()
                    ? sql.countOneMore(membership.tenantId().value())
                    : sql.countOneMoreWithin(membership.tenantId().value(), userLimit.max());
            if (counted == 0) {
                sql.delete(membership.tenantId().value(), membership.userId().value());
                return AddOutcome.TENANT_FULL;
            }
            return AddOutcome.ADDED;
        });
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
        throw new UnsupportedOperationException("TODO(members)");
    }

    @Override
    public Change changeRole(TenantId tenant, UserId user, Role from, Role to) {
        throw new UnsupportedOperationException("TODO(members)");
    }

    @Override
    public Change remove(TenantId tenant, UserId user, Role expected) {
        throw new UnsupportedOperationException("TODO(members)");
    }
}
