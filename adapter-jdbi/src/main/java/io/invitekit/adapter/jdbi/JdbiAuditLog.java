package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.AuditSql;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.TextCodec;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.AuditLog;

/** Audit events in {@code audit_events}, written in the surrounding transaction. */
final class JdbiAuditLog implements AuditLog {
    private final Handles handles;

    JdbiAuditLog(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void record(AuditEvent event) {
        handles.call(AuditSql.class, sql -> {
            sql.insert(event.id(), event.at(), event.actor() == null ? null : event.actor().value(), event.action(),
                    event.tenant() == null ? null : event.tenant().value(), event.subject(),
                    TextCodec.encodeMap(event.details()));
            return null;
        });
    }
}
