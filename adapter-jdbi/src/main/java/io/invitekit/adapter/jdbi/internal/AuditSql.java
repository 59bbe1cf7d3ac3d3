package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code audit_events}, the event log. A dispatcher's claim is a lease ({@code lease_owner},
 * {@code lease_until}) as in {@code outbox_messages}; an entry is claimable while not dispatched
 * and no lease on it is live.
 */
public interface AuditSql {
    String CLAIMABLE = "dispatched_at IS NULL AND (lease_until IS NULL OR lease_until <= :now)";

    @SqlUpdate("INSERT INTO <prefix>audit_events (id, occurred_at, actor, action, type_version, tenant_id, subject, details) "
            + "VALUES (:id, :at, :actor, :action, :version, :tenant, :subject, :details)")
    void insert(UUID id, Instant at, UUID actor, String action, int version, UUID tenant, String subject, String details);

    /** PostgreSQL: locks what it returns and passes over rows another claimer holds locked. */
    @SqlQuery("SELECT id FROM <prefix>audit_events WHERE " + CLAIMABLE + " ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
    List<UUID> lockClaimable(Instant now, int limit);

    /** H2: candidates only; each is then taken with {@link #claimIfClaimable}. */
    @SqlQuery("SELECT id FROM <prefix>audit_events WHERE " + CLAIMABLE + " ORDER BY id LIMIT :limit")
    List<UUID> claimable(Instant now, int limit);

    @SqlUpdate("UPDATE <prefix>audit_events SET lease_owner = :worker, lease_until = :until, "
            + "dispatch_attempts = dispatch_attempts + 1 WHERE id IN (<ids>)")
    int lease(@BindList("ids") Collection<UUID> ids, String worker, Instant until);

    /** The whole claim in one conditional update: correct however claims interleave. */
    @SqlUpdate("UPDATE <prefix>audit_events SET lease_owner = :worker, lease_until = :until, "
            + "dispatch_attempts = dispatch_attempts + 1 WHERE id = :id AND " + CLAIMABLE)
    int claimIfClaimable(UUID id, String worker, Instant now, Instant until);

    @SqlQuery("SELECT " + AuditRow.COLUMNS + " FROM <prefix>audit_events WHERE id IN (<ids>) ORDER BY id")
    List<AuditRow> byIds(@BindList("ids") Collection<UUID> ids);

    @SqlUpdate("UPDATE <prefix>audit_events SET dispatched_at = :now, lease_owner = NULL, lease_until = NULL "
            + "WHERE id IN (<ids>) AND dispatched_at IS NULL")
    int markDispatched(@BindList("ids") Collection<UUID> ids, Instant now);
}
