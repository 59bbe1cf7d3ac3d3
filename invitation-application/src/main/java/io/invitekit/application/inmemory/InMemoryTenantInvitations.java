package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.PrefixSearch;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class InMemoryTenantInvitations implements TenantInvitations {
    private final InMemoryTransactions transactions;
    private final InMemorySubdomainRegistry subdomains;
    private final Map<InvitationId, TenantInvitation> byId = new HashMap<>();

    InMemoryTenantInvitations(InMemoryTransactions transactions, InMemorySubdomainRegistry subdomains) {
        this.transactions = transactions;
        this.subdomains = subdomains;
    }

    @Override
    public synchronized void add(TenantInvitation invitation) {
        if (storedPendingFor(invitation.email()).isPresent()) {
            throw transactions.refuse(new RuleViolationException(ErrorCode.INVITATION_PENDING_EXISTS,
                    "a pending invitation for " + invitation.email() + " exists"));
        }
        if (byId.containsKey(invitation.id()) || byTokenDigest(invitation.tokenDigest()).isPresent()) {
            throw new IllegalStateException("duplicate invitation id or token digest");
        }
        write(invitation.id(), invitation);
    }

    @Override
    public synchronized Optional<TenantInvitation> byId(InvitationId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<TenantInvitation> byTokenDigest(TokenDigest digest) {
        return byId.values().stream().filter(inv -> inv.tokenDigest().equals(digest)).findFirst();
    }

    @Override
    public synchronized Optional<TenantInvitation> storedPendingFor(EmailAddress email) {
        return byId.values().stream()
                .filter(inv -> inv.storedStatus() == InvitationStatus.PENDING && inv.email().equals(email))
                .findFirst();
    }

    @Override
    public synchronized boolean update(TenantInvitation next) {
        TenantInvitation current = byId.get(next.id());
        if (current == null || current.version() != next.version() - 1) {
            return false;
        }
        if (next.storedStatus() == InvitationStatus.PENDING && current.storedStatus() != InvitationStatus.PENDING
                && storedPendingFor(next.email()).isPresent()) {
            throw transactions.refuse(new RuleViolationException(ErrorCode.INVITATION_PENDING_EXISTS,
                    "a pending invitation for " + next.email() + " exists"));
        }
        write(next.id(), next);
        return true;
    }

    @Override
    public synchronized List<TenantInvitation> list(InvitationFilter filter, UUID after, int limit) {
        return byId.values().stream()
                .filter(inv -> filter.status() == null || inv.status(filter.now()) == filter.status())
                .filter(inv -> filter.email() == null || inv.email().equals(filter.email()))
                .filter(inv -> Uuids.after(inv.id().value(), after))
                .sorted(Comparator.comparing(inv -> inv.id().value(), Uuids.NEWEST_FIRST))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<PrefixSearch.Found<TenantInvitation>> search(InvitationFilter filter, PrefixSearch search) {
        return byId.values().stream()
                .filter(inv -> filter.status() == null || inv.status(filter.now()) == filter.status())
                .filter(inv -> filter.email() == null || inv.email().equals(filter.email()))
                .map(inv -> {
                    String email = PrefixSearch.key(inv.email().value());
                    String business = inv.suggestedBusinessName() == null ? null
                            : PrefixSearch.key(inv.suggestedBusinessName().value());
                    String key = search.matches(email) ? email : search.matches(business) ? business : null;
                    return key == null ? null : new PrefixSearch.Found<>(inv, key);
                })
                .filter(found -> found != null && search.isAfterCursor(found.key(), found.item().id().value()))
                .sorted(Comparator.comparing(found -> new PrefixSearch.Position(found.key(), found.item().id().value()),
                        PrefixSearch.ORDER))
                .limit(search.limit())
                .toList();
    }

    @Override
    public synchronized long countPending() {
        return byId.values().stream().filter(inv -> inv.storedStatus() == InvitationStatus.PENDING).count();
    }

    @Override
    public synchronized List<InvitationId> expireDue(Instant now, int limit) {
        List<TenantInvitation> due = byId.values().stream()
                .filter(inv -> inv.storedStatus() == InvitationStatus.PENDING && !inv.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(TenantInvitation::expiresAt))
                .limit(limit)
                .toList();
        for (TenantInvitation inv : due) {
            write(inv.id(), inv.expire(now));
            subdomains.release(inv.id());
        }
        return due.stream().map(TenantInvitation::id).toList();
    }

    private void write(InvitationId id, TenantInvitation value) {
        TenantInvitation previous = byId.put(id, value);
        transactions.onRollback(() -> {
            synchronized (this) {
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
