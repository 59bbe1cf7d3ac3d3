package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.AuditListQuery;
import io.invitekit.adapter.jdbi.internal.AuditRow;
import io.invitekit.adapter.jdbi.internal.AuditSql;
import io.invitekit.adapter.jdbi.internal.Dialect;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.TextCodec;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.AuditFilter;
import io.invitekit.application.port.out.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The event log in {@code audit_events}, written in the surrounding transaction. A claim leases
 * entries to one dispatcher until {@code lease_until}; as in {@link JdbiOutbox}, PostgreSQL
 * claimers lock with {@code FOR UPDATE SKIP LOCKED}, and H2 takes each candidate with one
 * conditional update.
 */
final class JdbiAuditLog implements AuditLog {
    /** How many more candidates than wanted H2 looks at, so that a concurrent claimer's picks leave enough. */
    private static final int H2_CANDIDATE_FACTOR = 4;

    private final Handles handles;

    JdbiAuditLog(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void record(AuditEvent event) {
        handles.call(AuditSql.class, sql -> {
            sql.insert(event.id(), event.at(), event.actor() == null ? null : event.actor().value(), event.action(),
                    event.version(), event.tenant() == null ? null : event.tenant().value(), event.subject(),
                    TextCodec.encodeMap(event.details()));
            return null;
        });
    }

    @Override
    public List<AuditEvent> list(AuditFilter filter, UUID after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        AuditListQuery query = AuditListQuery.of(filter, after, limit);
        return handles.call(handle -> {
            var statement = handle.createQuery(query.sql()).bindMap(query.parameters());
            if (!query.types().isEmpty()) {
                statement.bindList("types", query.types());
            }
            return statement.mapTo(AuditRow.class).map(AuditRow::toDomain).list();
        });
    }

    @Override
    public List<Claimed> claimUndispatched(String worker, Instant now, Duration lease, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Instant until = now.plus(lease);
        return handles.inOwnTransaction(handle -> {
            AuditSql sql = handle.attach(AuditSql.class);
            List<UUID> claimed;
            if (handles.dialect() == Dialect.POSTGRESQL) {
                claimed = sql.lockClaimable(now, limit);
                if (!claimed.isEmpty()) {
                    sql.lease(claimed, worker, until);
                }
            } else {
                claimed = new ArrayList<>(limit);
                for (UUID candidate : sql.claimable(now, limit * H2_CANDIDATE_FACTOR)) {
                    if (claimed.size() == limit) {
                        break;
                    }
                    if (sql.claimIfClaimable(candidate, worker, now, until) == 1) {
                        claimed.add(candidate);
                    }
                }
            }
            return claimed.isEmpty() ? List.<Claimed>of()
                    : sql.byIds(claimed).stream().map(row -> new Claimed(row.toDomain(), row.dispatchAttempts())).toList();
        });
    }

    @Override
    public void markDispatched(List<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        handles.call(AuditSql.class, sql -> sql.markDispatched(ids, now));
    }
}
