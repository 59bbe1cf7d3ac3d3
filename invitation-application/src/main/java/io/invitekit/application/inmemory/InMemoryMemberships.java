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

/**
 * Memberships in memory. Its lock (the instance) is also {@link InMemoryMemberInvitations}'s, so
 * that seats (members plus member invitations stored PENDING) are counted and taken in one step,
 * and the last-owner guard reads and writes under it too.
 */
public final class InMemoryMemberships implements Memberships {
    private final InMemoryTransactions transactions;
    private final Map<TenantId, Map<UserId, Membership>> byTenant = new HashMap<>();
    private final Map<UserId, Integer> owned = new HashMap<>();
    /** How many member invitations of each tenant are stored PENDING: each holds a seat. */
    private final Map<TenantId, Integer> pendingSeats = new HashMap<>();
    /** Seats given back by invitations in the calling thread's open transaction, not yet committed. */
    private final ThreadLocal<Map<TenantId, Integer>> freedInTransaction = ThreadLocal.withInitial(HashMap::new);
    /**
     * OWNERs made by a transaction still open, and the thread running it: another transaction's
     * last-owner guard does not count them, since a rollback may take them back (the database's
     * locked tenant row makes the other writer wait for the commit instead).
     */
    private final Map<Membership, Thread> uncommittedOwners = new HashMap<>();

    InMemoryMemberships(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized AddOutcome add(Membership membership, Limit userLimit) {
        Map<UserId, Membership> members = byTenant.computeIfAbsent(membership.tenantId(), t -> new LinkedHashMap<>());
        if (members.containsKey(membership.userId())) {
            return AddOutcome.ALREADY_MEMBER;
        }
        int freedHere = freedInTransaction.get().getOrDefault(membership.tenantId(), 0);
        if (!userLimit.admitsAnother(seatsTaken(membership.tenantId()) - freedHere)) {
            return AddOutcome.TENANT_FULL;
        }
        if (freedHere > 0) {
            fillFreedSeat(membership.tenantId());
        }
        members.put(membership.userId(), membership);
        transactions.onRollback(() -> {
            synchronized (this) {
                byTenant.get(membership.tenantId()).remove(membership.userId(), membership);
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

    /** A tenant's members in the database adapter's order: join time, then user id. */
    private static final Comparator<Membership> MEMBERS_OLDEST_FIRST = Comparator.comparing(Membership::joinedAt)
            .thenComparing(m -> m.userId().value(), Uuids.ASCENDING);

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
        return ofTenant(tenant, null, Integer.MAX_VALUE);
    }

    @Override
    public synchronized long count(TenantId tenant) {
        return byTenant.getOrDefault(tenant, Map.of()).size();
    }

    @Override
    public synchronized Map<TenantId, Usage> usage(java.util.Collection<TenantId> tenants) {
        Map<TenantId, Usage> usage = new LinkedHashMap<>();
        for (TenantId tenant : tenants) {
            usage.put(tenant, new Usage(count(tenant), pendingSeats.getOrDefault(tenant, 0)));
        }
        return usage;
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
    public synchronized List<Membership> ofTenant(TenantId tenant, MemberPosition after, int limit) {
        Membership cursor = after == null ? null : new Membership(tenant, after.user(), Role.MEMBER, after.joinedAt());
        return byTenant.getOrDefault(tenant, Map.of()).values().stream()
                .filter(m -> cursor == null || MEMBERS_OLDEST_FIRST.compare(m, cursor) > 0)
                .sorted(MEMBERS_OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Change changeRole(TenantId tenant, UserId user, Role from, Role to) {
        Membership current = byTenant.getOrDefault(tenant, Map.of()).get(user);
        if (current == null || current.role() != from) {
            return Change.NOT_FOUND;
        }
        if (from == Role.OWNER && to != Role.OWNER && owners(tenant) <= 1) {
            return Change.LAST_OWNER;
        }
        if (from != to) {
            Membership next = new Membership(tenant, user, to, current.joinedAt());
            put(next);
            if (to == Role.OWNER && transactions.inTransaction()) {
                uncommittedOwners.put(next, Thread.currentThread());
                Runnable settled = () -> {
                    synchronized (this) {
                        uncommittedOwners.remove(next);
                    }
                };
                transactions.afterCommit(settled);
                transactions.onRollback(settled);
            }
        }
        return Change.DONE;
    }

    @Override
    public synchronized Change remove(TenantId tenant, UserId user, Role expected) {
        Map<UserId, Membership> members = byTenant.getOrDefault(tenant, Map.of());
        Membership current = members.get(user);
        if (current == null || current.role() != expected) {
            return Change.NOT_FOUND;
        }
        if (expected == Role.OWNER && owners(tenant) <= 1) {
            return Change.LAST_OWNER;
        }
        members.remove(user);
        transactions.onRollback(() -> {
            synchronized (this) {
                byTenant.computeIfAbsent(tenant, t -> new LinkedHashMap<>()).putIfAbsent(user, current);
            }
        });
        return Change.DONE;
    }

    /**
     * Takes a seat for a member invitation stored PENDING, unless members plus pending invitations
     * already fill {@code userLimit}. Called by {@link InMemoryMemberInvitations} holding this
     * store's lock, which is the one lock of both stores.
     */
    boolean holdSeat(TenantId tenant, Limit userLimit) {
        if (!userLimit.admitsAnother(seatsTaken(tenant))) {
            return false;
        }
        pendingSeats.merge(tenant, 1, Integer::sum);
        // Compensate rather than restore, as for owned tenants: others may have counted since.
        transactions.onRollback(() -> {
            synchronized (this) {
                pendingSeats.computeIfPresent(tenant, (t, count) -> count > 1 ? count - 1 : null);
            }
        });
        return true;
    }

    /**
     * Gives back the seat of a member invitation that left PENDING; under this store's lock.
     * Inside a transaction the seat stays taken for everyone else until it commits (as the
     * database's locked tenant row does), but this transaction may fill it at once: that is how
     * an accept turns the invitation's seat into the member's without a join slipping in between.
     */
    void releaseSeat(TenantId tenant) {
        if (!transactions.inTransaction()) {
            pendingSeats.computeIfPresent(tenant, (t, count) -> count > 1 ? count - 1 : null);
            return;
        }
        Map<TenantId, Integer> freed = freedInTransaction.get();
        if (!freed.containsKey(tenant)) {
            transactions.afterCommit(() -> {
                synchronized (this) {
                    int left = freedInTransaction.get().getOrDefault(tenant, 0);
                    freedInTransaction.get().remove(tenant);
                    pendingSeats.computeIfPresent(tenant, (t, count) -> count > left ? count - left : null);
                }
            });
            transactions.onRollback(() -> freedInTransaction.get().remove(tenant));
        }
        freed.merge(tenant, 1, Integer::sum);
    }

    /** A seat this transaction freed (see {@link #releaseSeat}) now taken by the membership it adds. */
    private void fillFreedSeat(TenantId tenant) {
        Map<TenantId, Integer> freed = freedInTransaction.get();
        freed.computeIfPresent(tenant, (t, count) -> count - 1);
        pendingSeats.computeIfPresent(tenant, (t, count) -> count > 1 ? count - 1 : null);
        transactions.onRollback(() -> {
            synchronized (this) {
                pendingSeats.merge(tenant, 1, Integer::sum);
            }
        });
    }

    private long seatsTaken(TenantId tenant) {
        return byTenant.getOrDefault(tenant, Map.of()).size() + pendingSeats.getOrDefault(tenant, 0);
    }

    /** The tenant's OWNERs as this thread may count on them: not those another open transaction made. */
    private long owners(TenantId tenant) {
        Thread me = Thread.currentThread();
        return byTenant.getOrDefault(tenant, Map.of()).values().stream()
                .filter(m -> m.role() == Role.OWNER)
                .filter(m -> uncommittedOwners.getOrDefault(m, me) == me)
                .count();
    }

    /** Replaces a stored membership (a role change), undone on rollback unless changed again since. */
    private void put(Membership next) {
        Map<UserId, Membership> members = byTenant.get(next.tenantId());
        Membership previous = members.put(next.userId(), next);
        transactions.onRollback(() -> {
            synchronized (this) {
                Map<UserId, Membership> now = byTenant.get(next.tenantId());
                if (now != null && now.get(next.userId()) == next) {
                    now.put(next.userId(), previous);
                }
            }
        });
    }
}
