package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Dialect;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.OutboxRow;
import io.invitekit.adapter.jdbi.internal.OutboxSql;
import io.invitekit.application.port.out.Delivery;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The outbox in {@code outbox_messages}. A claim leases messages to one claimer until
 * {@code lease_until}; only the holder may record the outcome.
 *
 * <p>A claim is one statement on PostgreSQL (two on H2: the candidates, then one update), and
 * recording a batch SENT is one. On PostgreSQL, claimers in any number of processes lock with
 * {@code FOR UPDATE SKIP LOCKED} and get disjoint batches. H2 serves one process and skips locked
 * rows only after sorting and limiting (a second claimer would get nothing), so there the claim
 * is a conditional update, correct however claims interleave, and the claimers of this process
 * take turns.
 */
final class JdbiOutbox implements Outbox {
    /** Oldest due first, as they were chosen (a claim's rows come back in no particular order). */
    private static final Comparator<OutboxMessage> DUE_ORDER = Comparator.comparing(OutboxMessage::nextAttemptAt)
            .thenComparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value().toString());

    private final Handles handles;
    private final ReentrantLock h2Claims = new ReentrantLock();

    JdbiOutbox(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void enqueue(OutboxMessage message) {
        handles.call(OutboxSql.class, sql -> {
            sql.insert(OutboxRow.of(message));
            return null;
        });
    }

    @Override
    public int withdraw(String aggregateId) {
        return handles.call(OutboxSql.class, sql -> sql.withdraw(aggregateId));
    }

    @Override
    public List<OutboxMessage> claimDue(String claimer, Instant now, Duration lease, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Instant until = now.plus(lease);
        List<OutboxRow> claimed;
        if (handles.dialect() == Dialect.POSTGRESQL) {
            claimed = handles.inOwnTransaction(handle -> handle.attach(OutboxSql.class).claim(claimer, now, until, limit));
        } else {
            // H2 would have concurrent claimers pick the same candidates and all but one come back
            // empty-handed; taking turns (each claim commits before the next starts) avoids that.
            h2Claims.lock();
            try {
                claimed = handles.inOwnTransaction(handle -> {
                    OutboxSql sql = handle.attach(OutboxSql.class);
                    List<UUID> candidates = sql.claimableH2(now, limit);
                    return candidates.isEmpty() ? List.<OutboxRow>of() : sql.claimH2(candidates, claimer, now, until);
                });
            } finally {
                h2Claims.unlock();
            }
        }
        return claimed.stream().map(OutboxRow::toDomain).sorted(DUE_ORDER).toList();
    }

    @Override
    public boolean isHeld(OutboxMessageId id, String claimer) {
        return handles.call(OutboxSql.class, sql -> sql.held(id.value(), claimer) == 1);
    }

    @Override
    public boolean markSent(OutboxMessageId id, String claimer, Instant now) {
        return handles.call(OutboxSql.class, sql -> sql.markSent(id.value(), claimer, now) == 1);
    }

    @Override
    public Set<OutboxMessageId> markSent(Collection<OutboxMessageId> ids, String claimer, Instant now) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<UUID> wanted = ids.stream().map(OutboxMessageId::value).distinct().toList();
        List<UUID> marked = handles.call(OutboxSql.class, sql -> handles.dialect() == Dialect.POSTGRESQL
                ? sql.markSent(wanted, claimer, now) : sql.markSentH2(wanted, claimer, now));
        return marked.stream().map(OutboxMessageId::new).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean markFailed(OutboxMessageId id, String claimer, int attempts, String error, Instant nextAttemptAt) {
        return handles.call(OutboxSql.class, sql -> nextAttemptAt == null
                ? sql.markDead(id.value(), claimer, attempts, error) == 1
                : sql.markRetry(id.value(), claimer, attempts, error, nextAttemptAt) == 1);
    }

    @Override
    public Map<String, Delivery> latestDeliveries(Collection<String> aggregateIds) {
        if (aggregateIds.isEmpty()) {
            return Map.of();
        }
        List<String> wanted = aggregateIds.stream().distinct().toList();
        Map<String, Delivery> latest = new HashMap<>();
        for (OutboxRow row : handles.call(OutboxSql.class, sql -> sql.ofAggregates(wanted))) {
            latest.putIfAbsent(row.aggregateId(), Delivery.of(row.toDomain())); // rows come newest first per aggregate
        }
        return latest;
    }

    @Override
    public long backlog() {
        return handles.call(OutboxSql.class, OutboxSql::backlog);
    }

    @Override
    public List<OutboxMessage> dead(int limit) {
        return handles.call(OutboxSql.class, sql -> sql.dead(limit)).stream().map(OutboxRow::toDomain).toList();
    }

    @Override
    public Optional<OutboxMessage> byId(OutboxMessageId id) {
        return handles.call(OutboxSql.class, sql -> sql.byIds(List.of(id.value()))).stream().findFirst()
                .map(OutboxRow::toDomain);
    }
}
