package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.AuditFilter;
import io.invitekit.application.port.out.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The event log in memory. An entry becomes claimable only once its transaction committed (the
 * other in-memory stores show writes at once; a dispatcher must never see a change that may still
 * roll back). Every method holds the log's lock, so concurrent claims are disjoint.
 */
public final class InMemoryAuditLog implements AuditLog {
    /** One entry and its dispatch state. */
    private static final class Entry {
        final AuditEvent event;
        boolean committed;
        Instant dispatchedAt;
        String leaseOwner;
        Instant leaseUntil;
        int attempts;

        Entry(AuditEvent event) {
            this.event = event;
        }
    }

    private final InMemoryTransactions transactions;
    private final Map<UUID, Entry> entries = new TreeMap<>(Uuids.ASCENDING);

    InMemoryAuditLog(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void record(AuditEvent event) {
        Entry entry = new Entry(event);
        synchronized (this) {
            entries.put(event.id(), entry);
        }
        transactions.onRollback(() -> {
            synchronized (this) {
                entries.remove(event.id(), entry);
            }
        });
        transactions.afterCommit(() -> {
            synchronized (this) {
                entry.committed = true;
            }
        });
    }

    @Override
    public synchronized List<AuditEvent> list(AuditFilter filter, UUID after, int limit) {
        return entries.values().stream()
                .map(entry -> entry.event)
                .filter(filter::matches)
                .filter(event -> Uuids.after(event.id(), after))
                .sorted(Comparator.comparing(AuditEvent::id, Uuids.NEWEST_FIRST))
                .limit(Math.max(0, limit))
                .toList();
    }

    @Override
    public synchronized List<Claimed> claimUndispatched(String worker, Instant now, Duration lease, int limit) {
        List<Claimed> claimed = new ArrayList<>();
        for (Entry entry : entries.values()) { // oldest first: the map is in id order
            if (claimed.size() >= limit) {
                break;
            }
            if (!entry.committed || entry.dispatchedAt != null
                    || (entry.leaseUntil != null && entry.leaseUntil.isAfter(now))) {
                continue;
            }
            entry.leaseOwner = worker;
            entry.leaseUntil = now.plus(lease);
            entry.attempts++;
            claimed.add(new Claimed(entry.event, entry.attempts));
        }
        return claimed;
    }

    @Override
    public void markDispatched(List<UUID> ids, Instant now) {
        synchronized (this) {
            for (UUID id : ids) {
                Entry entry = entries.get(id);
                if (entry != null && entry.dispatchedAt == null) {
                    entry.dispatchedAt = now;
                    entry.leaseOwner = null;
                    entry.leaseUntil = null;
                    transactions.onRollback(() -> {
                        synchronized (this) {
                            entry.dispatchedAt = null;
                        }
                    });
                }
            }
        }
    }

    /** Every entry, oldest first, committed or not (for tests). */
    public synchronized List<AuditEvent> events() {
        return entries.values().stream().map(entry -> entry.event).toList();
    }
}
