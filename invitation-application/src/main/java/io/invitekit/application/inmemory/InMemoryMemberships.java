package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.Memberships;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryMemberships implements Memberships {
    private final InMemoryTransactions transactions;
    private final Map<TenantId, Map<UserId, Membership>> byTenant = new HashMap<>();
    private final Map<UserId, Integer> owned = new HashMap<>();

    InMemoryMemberships(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized AddOutcome add(Membership membership, Limit userLimit) {
        Map<UserId, Membership> members = byTenant.computeIfAbsent(membership.tenantId(), t -> new LinkedHashMap<>());
        if (members.containsKey(membership.userId())) {
            return AddOutcome.ALREADY_MEMBER;
        }
        if (!userLimit.admitsAnother(members.size())) {
            return AddOutcome.TENANT_FULL;
        }
        members.put(membership.userId(), membership);
        transactions.onRollback(() -> {
            synchronized (this) {
                byTenant.get(membership.tenantId()).remove(membership.userId());
            }
        });
        return AddOutcome.ADDED;
    }

    @Override
    public synchronized Optional<Membership> find(TenantId tenant, UserId user) {
        return Optional.ofNullable(byTenant.getOrDefault(tenant, Map.of()).get(user));
    }

    /** A user's memberships in the database adapter's order: join time, then tenant id. */
    private static final Comparator<Membership> OLDEST_FIRST = Comparator.comparing(Membership::joinedAt)
            .thenComparing(m -> m.tenantId().value(), Uuids.ASCENDING);

    @Override
    public synchronized List<Membership> ofUser(UserId user) {
        return ofUser(user, null, Integer.MAX_VALUE);
    }

    @Override
    public synchronized List<Membership> ofUser(UserId user, Position after, int limit) {
        Membership cursor = after == null ? null : new Membership(after.tenant(), user, Role.MEMBER, after.joinedAt());
        return byTenant.values().stream()
                .map(members -> members.get(user))
                .filter(m -> m != null && (cursor == null || OLDEST_FIRST.compare(m, cursor) > 0))
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Membership> ofTenant(TenantId tenant) {
        return byTenant.getOrDefault(tenant, Map.of()).values().stream()
                .sorted(Comparator.comparing(Membership::joinedAt))
                .toList();
    }

    @Override
    public synchronized long count(TenantId tenant) {
        return byTenant.getOrDefault(tenant, Map.of()).size();
    }

    @Override
    public synchronized boolean countOwnedTenant(UserId owner, Limit limit) {
        if (!limit.admitsAnother(ownedTenants(owner))) {
            return false;
        }
        owned.merge(owner, 1, Integer::sum);
        // Compensate rather than restore: other creates may have counted since.
        transactions.onRollback(() -> {
            synchronized (this) {
                owned.computeIfPresent(owner, (user, count) -> count > 1 ? count - 1 : null);
            }
        });
        return true;
    }

    @Override
    public synchronized int ownedTenants(UserId owner) {
        return owned.getOrDefault(owner, 0);
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
