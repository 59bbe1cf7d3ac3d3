package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

public final class InMemorySubdomainRegistry implements SubdomainRegistry {
    /** A tenant's for good ({@code tenant} set) or an invitation's until {@code until}. */
    private record Holder(TenantId tenant, InvitationId invitation, Instant until) {
        boolean holdsAt(Instant now) {
            return tenant != null || until.isAfter(now);
        }
    }

    private final InMemoryTransactions transactions;
    private final Map<Subdomain, Holder> holders = new HashMap<>();

    InMemorySubdomainRegistry(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized Set<Subdomain> heldAmong(Collection<Subdomain> candidates, Instant now) {
        return candidates.stream()
                .filter(s -> holders.containsKey(s) && holders.get(s).holdsAt(now))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized void reserve(Subdomain subdomain, InvitationId invitation, Instant until, Instant now) {
        Holder current = holders.get(subdomain);
        boolean renewal = current != null && invitation.equals(current.invitation());
        if (current != null && !renewal && current.holdsAt(now)) {
            throw transactions.refuse(SubdomainTakenException.of(subdomain));
        }
        put(subdomain, new Holder(null, invitation, until));
    }

    @Override
    public synchronized void claim(Subdomain subdomain, TenantId tenant, InvitationId releasing, Instant now) {
        Holder current = holders.get(subdomain);
        boolean ownReservation = current != null && releasing != null && releasing.equals(current.invitation());
        if (current != null && !ownReservation && current.holdsAt(now)) {
            throw transactions.refuse(SubdomainTakenException.of(subdomain)); // nothing released: atomic
        }
        if (releasing != null) {
            release(releasing);
        }
        put(subdomain, new Holder(tenant, null, null));
    }

    @Override
    public synchronized void release(InvitationId invitation) {
        holders.entrySet().stream()
                .filter(e -> invitation.equals(e.getValue().invitation()))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(s -> put(s, null));
    }

    private void put(Subdomain subdomain, Holder holder) {
        Holder previous = holder == null ? holders.remove(subdomain) : holders.put(subdomain, holder);
        transactions.onRollback(() -> {
            synchronized (this) {
                if (holders.get(subdomain) != holder) {
                    return;
                }
                if (previous == null) {
                    holders.remove(subdomain);
                } else {
                    holders.put(subdomain, previous);
                }
            }
        });
    }
}
