package io.invitekit.adapter.jdbi.internal;

import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code audit_events}; the dispatch columns but the attempts stay in the adapter. */
public record AuditRow(UUID id, Instant occurredAt, UUID actor, String action, int typeVersion, UUID tenantId,
                       String subject, String details, int dispatchAttempts) {

    static final String COLUMNS = "id, occurred_at, actor, action, type_version, tenant_id, subject, details, dispatch_attempts";

    public AuditEvent toDomain() {
        return new AuditEvent(id, occurredAt, actor == null ? null : new UserId(actor), action, typeVersion,
                tenantId == null ? null : new TenantId(tenantId), subject, TextCodec.decodeMap(details));
    }
}
