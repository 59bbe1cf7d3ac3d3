package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface AuditSql {

    @SqlUpdate("INSERT INTO <prefix>audit_events (id, occurred_at, actor, action, tenant_id, subject, details) "
            + "VALUES (:id, :at, :actor, :action, :tenant, :subject, :details)")
    void insert(UUID id, Instant at, UUID actor, String action, UUID tenant, String subject, String details);
}
