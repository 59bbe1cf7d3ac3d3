package io.invitekit.adapter.jdbi.internal;

import io.invitekit.application.port.out.AuditFilter;
import io.invitekit.application.port.out.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of one page of the event log: newest first by id, after a keyset cursor, with only the
 * conditions that apply (a tenant's page runs on {@code (tenant_id, id)}, a type filter on
 * {@code (action, id)}, an actor's on {@code (actor, id)}).
 */
public record AuditListQuery(String sql, Map<String, Object> parameters, List<String> types) {

    public static AuditListQuery of(AuditFilter filter, UUID after, int limit) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        StringBuilder where = new StringBuilder("1 = 1");
        if (filter.tenant() != null) {
            where.append(" AND tenant_id = :tenant");
            parameters.put("tenant", filter.tenant().value());
        }
        List<String> types = filter.types().stream().map(EventType::wireName).sorted().toList();
        if (!types.isEmpty()) {
            where.append(" AND action IN (<types>)");
        }
        if (filter.actor() != null) {
            where.append(" AND actor = :actor");
            parameters.put("actor", filter.actor().value());
        }
        if (filter.from() != null) {
            where.append(" AND occurred_at >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" AND occurred_at < :to");
            parameters.put("to", filter.to());
        }
        if (after != null) {
            where.append(" AND id < :after");
            parameters.put("after", after);
        }
        parameters.put("limit", limit);
        return new AuditListQuery("SELECT " + AuditRow.COLUMNS + " FROM <prefix>audit_events WHERE " + where
                + " ORDER BY id DESC LIMIT :limit", parameters, types);
    }
}
