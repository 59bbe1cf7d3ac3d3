package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.MemberInvitations;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.MemberInvitation;
import io.invitekit.domain.membership.MemberInvitationId;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Member invitations in memory. Every method holds the lock of {@link InMemoryMemberships} (one
 * lock for both stores), so that a seat is counted and taken, or given back, in the same step as
 * the invitation is written, whatever joins and accepts run at the same moment.
 */
public final class InMemoryMemberInvitations implements MemberInvitations {
    private final InMemoryTransactions transactions;
    private final InMemoryMemberships seats;
    private final InMemoryTenants tenants;
    private final Map<MemberInvitationId, MemberInvitation> byId = new HashMap<>();

    InMemoryMemberInvitations(InMemoryTransactions transactions, InMemoryMemberships seats, InMemoryTenants tenants) {
        this.transactions = transactions;
        this.seats = seats;
        this.tenants = tenants;
    }

    @Override
    public AddOutcome add(MemberInvitation invitation, Limit userLimit) {
        if (invitation.storedStatus() != InvitationStatus.PENDING) {
            throw new IllegalArgumentException("a new member invitation is PENDING");
        }
        synchronized (seats) {
            if (byId.containsKey(invitation.id()) || byTokenDigest(invitation.tokenDigest()).isPresent()) {
                throw new IllegalStateException("duplicate member invitation id or token digest");
            }
            if (storedPendingFor(invitation.tenantId(), invitation.email()).isPresent()) {
                return AddOutcome.PENDING_EXISTS;
            }
            if (!seats.holdSeat(invitation.tenantId(), userLimit)) {
                return AddOutcome.TENANT_FULL;
            }
            write(invitation.id(), invitation);
            return AddOutcome.ADDED;
        }
    }

    @Override
    public Optional<MemberInvitation> byId(MemberInvitationId id) {
        synchronized (seats) {
            return Optional.ofNullable(byId.get(id));
        }
    }

    @Override
    public Optional<MemberInvitation> byTokenDigest(TokenDigest digest) {
        synchronized (seats) {
            return byId.values().stream().filter(inv -> inv.tokenDigest().equals(digest)).findFirst();
        }
    }

    @Override
    public Optional<MemberInvitation> storedPendingFor(TenantId tenant, EmailAddress email) {
        synchronized (seats) {
            return byId.values().stream()
                    .filter(inv -> inv.storedStatus() == InvitationStatus.PENDING && inv.tenantId().equals(tenant)
                            && inv.email().equals(email))
                    .findFirst();
        }
    }

    @Override
    public boolean update(MemberInvitation next) {
        synchronized (seats) {
            MemberInvitation current = byId.get(next.id());
            if (current == null || current.version() != next.version() - 1) {
                return false;
            }
            boolean wasPending = current.storedStatus() == InvitationStatus.PENDING;
            boolean isPending = next.storedStatus() == InvitationStatus.PENDING;
            if (isPending && !wasPending) {
                // Revived by a resend: it needs the email free and a seat again, within the tenant's limit.
                if (storedPendingFor(next.tenantId(), next.email()).isPresent()
                        || !seats.holdSeat(next.tenantId(), userLimitOf(next.tenantId()))) {
                    return false;
                }
            } else if (wasPending && !isPending) {
                seats.releaseSeat(next.tenantId());
            }
            write(next.id(), next);
            return true;
        }
    }

    @Override
    public List<MemberInvitation> list(TenantId tenant, Filter filter, UUID after, int limit) {
        synchronized (seats) {
            return byId.values().stream()
                    .filter(inv -> inv.tenantId().equals(tenant))
                    .filter(inv -> filter.status() == null || inv.status(filter.now()) == filter.status())
                    .filter(inv -> filter.email() == null || inv.email().equals(filter.email()))
                    .filter(inv -> Uuids.after(inv.id().value(), after))
                    .sorted(Comparator.comparing(inv -> inv.id().value(), Uuids.NEWEST_FIRST))
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public List<Expired> expireDue(Instant now, int limit) {
        synchronized (seats) {
            List<MemberInvitation> due = byId.values().stream()
                    .filter(inv -> inv.storedStatus() == InvitationStatus.PENDING && !inv.expiresAt().isAfter(now))
                    .sorted(Comparator.comparing(MemberInvitation::expiresAt))
                    .limit(limit)
                    .toList();
            for (MemberInvitation inv : due) {
                write(inv.id(), inv.expire(now));
                seats.releaseSeat(inv.tenantId());
            }
            return due.stream().map(inv -> new Expired(inv.id(), inv.tenantId())).toList();
        }
    }

    private Limit userLimitOf(TenantId tenant) {
        return tenants.byId(tenant).map(Tenant::limits).map(limits -> limits.users()).orElse(Limit.UNLIMITED);
    }

    private void write(MemberInvitationId id, MemberInvitation value) {
        MemberInvitation previous = byId.put(id, value);
        transactions.onRollback(() -> {
            synchronized (seats) {
                if (byId.get(id) != value) {
                    return; // changed again since: a database would have kept the later writer waiting
                }
                if (previous == null) {
                    byId.remove(id);
                } else {
                    byId.put(id, previous);
                }
            }
        });
    }
}
