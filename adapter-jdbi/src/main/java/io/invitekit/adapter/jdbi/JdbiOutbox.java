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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox in {@code outbox_messages}. A claim leases messages to one claimer until
 * {@code lease_until}; only the holder may record the outcome.
 *
 * <p>On PostgreSQL, claimers in any number of processes lock with {@code FOR UPDATE SKIP LOCKED}
 * and get disjoint batches. H2 serves one process and skips locked rows only after sorting and
 * limiting (a second claimer would get nothing), so there each candidate is taken with one
 * conditional update, which is correct however claims interleave.
 */
final class JdbiOutbox implements Outbox {
    /** How many more candidates than wanted H2 looks at, so that a concurrent claimer's picks leave enough. */
    private static final int H2_CANDIDATE_FACTOR = 4;

    private final Handles handles;

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
        return handles.inOwnTransaction(handle -> {
            OutboxSql sql = handle.attach(OutboxSql.class);
            List<UUID> claimed;
            if (handles.dialect() == Dialect.POSTGRESQL) {
                claimed = sql.lockClaimable(now, limit);
                if (!claimed.isEmpty()) {
                    sql.lease(claimed, claimer, until);
                }
            } else {
                claimed = new ArrayList<>(limit);
                for (UUID candidate : sql.claimable(now, limit * H2_CANDIDATE_FACTOR)) {
                    if (claimed.size() == limit) {
                        break;
                    }
                    if (sql.claimIfClaimable(candidate, claimer, now, until) == 1) {
                        claimed.add(candidate);
                    }
                }
            }
            return claimed.isEmpty() ? List.<OutboxMessage>of()
                    : sql.byIds(claimed).stream().map(OutboxRow::toDomain).toList();
        });
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
