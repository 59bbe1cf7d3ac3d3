package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.Delivery;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessage.Status;
import io.invitekit.application.port.out.OutboxMessageId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

public final class InMemoryOutbox implements Outbox {
    private record Lease(String claimer, Instant until) {
    }

    private final InMemoryTransactions transactions;
    private final Map<OutboxMessageId, OutboxMessage> messages = new LinkedHashMap<>();
    private final Map<OutboxMessageId, Lease> leases = new HashMap<>();

    InMemoryOutbox(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized void enqueue(OutboxMessage message) {
        messages.put(message.id(), message);
        transactions.onRollback(() -> {
            synchronized (this) {
                messages.remove(message.id());
            }
        });
    }

    @Override
    public synchronized int withdraw(String aggregateId) {
        List<OutboxMessage> unsent = messages.values().stream()
                .filter(m -> m.status() == Status.PENDING && aggregateId.equals(m.aggregateId()))
                .toList();
        for (OutboxMessage m : unsent) {
            OutboxMessage withdrawn = new OutboxMessage(m.id(), m.mail(), null, m.aggregateId(),
                    Status.WITHDRAWN, m.attempts(), m.nextAttemptAt(), m.lastError(), m.createdAt(), null, m.requestId());
            messages.put(m.id(), withdrawn);
            Lease lease = leases.remove(m.id());
            transactions.onRollback(() -> {
                synchronized (this) {
                    if (messages.get(m.id()) == withdrawn) {
                        messages.put(m.id(), m);
                        if (lease != null) {
                            leases.putIfAbsent(m.id(), lease);
                        }
                    }
                }
            });
        }
        return unsent.size();
    }

    @Override
    public synchronized List<OutboxMessage> claimDue(String claimer, Instant now, Duration lease, int limit) {
        List<OutboxMessage> due = messages.values().stream()
                .filter(m -> m.status() == Status.PENDING && !m.nextAttemptAt().isAfter(now))
                .filter(m -> !leases.containsKey(m.id()) || !leases.get(m.id()).until().isAfter(now))
                .sorted(Comparator.comparing(OutboxMessage::nextAttemptAt).thenComparing(OutboxMessage::createdAt))
                .limit(limit)
                .toList();
        due.forEach(m -> leases.put(m.id(), new Lease(claimer, now.plus(lease))));
        return due;
    }

    @Override
    public synchronized boolean markSent(OutboxMessageId id, String claimer, Instant now) {
        OutboxMessage m = heldBy(id, claimer);
        if (m == null) {
            return false;
        }
        OutboxMessage sent = new OutboxMessage(m.id(), m.mail(), null, m.aggregateId(), Status.SENT,
                m.attempts() + 1, m.nextAttemptAt(), m.lastError(), m.createdAt(), now, m.requestId());
        messages.put(id, sent);
        Lease lease = leases.remove(id);
        // Inside a transaction (the relay records a batch and its events together) a rollback undoes it.
        transactions.onRollback(() -> {
            synchronized (this) {
                if (messages.get(id) == sent) {
                    messages.put(id, m);
                    leases.putIfAbsent(id, lease);
                }
            }
        });
        return true;
    }

    @Override
    public synchronized boolean markFailed(OutboxMessageId id, String claimer, int attempts, String error,
                                           Instant nextAttemptAt) {
        OutboxMessage m = heldBy(id, claimer);
        if (m == null) {
            return false;
        }
        boolean dead = nextAttemptAt == null;
        messages.put(id, new OutboxMessage(m.id(), m.mail(), dead ? null : m.secret(),
                m.aggregateId(), dead ? Status.DEAD : Status.PENDING, attempts,
                dead ? m.nextAttemptAt() : nextAttemptAt, error, m.createdAt(), null, m.requestId()));
        leases.remove(id);
        return true;
    }

    @Override
    public synchronized boolean isHeld(OutboxMessageId id, String claimer) {
        return heldBy(id, claimer) != null;
    }

    private OutboxMessage heldBy(OutboxMessageId id, String claimer) {
        Lease lease = leases.get(id);
        OutboxMessage message = messages.get(id);
        return lease != null && lease.claimer().equals(claimer) && message != null && message.status() == Status.PENDING
                ? message : null;
    }

    @Override
    public synchronized Map<String, Delivery> latestDeliveries(Collection<String> aggregateIds) {
        Set<String> wanted = Set.copyOf(aggregateIds);
        return messages.values().stream()
                .filter(m -> m.aggregateId() != null && wanted.contains(m.aggregateId()))
                .collect(Collectors.toMap(OutboxMessage::aggregateId, m -> m,
                        (a, b) -> Uuids.ASCENDING.compare(a.id().value(), b.id().value()) >= 0 ? a : b))
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Delivery.of(e.getValue())));
    }

    @Override
    public synchronized long backlog() {
        return messages.values().stream().filter(m -> m.status() == Status.PENDING).count();
    }

    @Override
    public synchronized List<OutboxMessage> dead(int limit) {
        return messages.values().stream()
                .filter(m -> m.status() == Status.DEAD)
                .sorted(Comparator.comparing((OutboxMessage m) -> m.id().value(), Uuids.NEWEST_FIRST))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<OutboxMessage> byId(OutboxMessageId id) {
        return Optional.ofNullable(messages.get(id));
    }

    /** Every message, oldest first: for tests that look at what was queued. */
    public synchronized List<OutboxMessage> all() {
        return List.copyOf(messages.values());
    }
}
