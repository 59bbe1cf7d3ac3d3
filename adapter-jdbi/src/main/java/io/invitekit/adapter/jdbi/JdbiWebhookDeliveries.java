package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Dialect;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.application.port.out.WebhookDeliveries;
import io.invitekit.application.port.out.WebhookDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@code webhook_deliveries}. A claim is a lease; on PostgreSQL the claim locks the rows it takes
 * and skips those another claimer has locked ({@code FOR UPDATE SKIP LOCKED}), on H2 each
 * candidate is taken by one conditional update, as the outbox does.
 */
final class JdbiWebhookDeliveries implements WebhookDeliveries {
    private static final int H2_CANDIDATE_FACTOR = 4;
    static final String COLUMNS = "id, endpoint_id, event_id, event_key, event_type, payload, status, attempts, "
            + "next_attempt_at, last_status_code, last_latency_ms, last_error, created_at, last_attempt_at";
    private static final String D_COLUMNS = "d.id, d.endpoint_id, d.event_id, d.event_key, d.event_type, d.payload, "
            + "d.status, d.attempts, d.next_attempt_at, d.last_status_code, d.last_latency_ms, d.last_error, "
            + "d.created_at, d.last_attempt_at";
    /** Due, not leased, and its endpoint on (a disabled endpoint's deliveries wait). */
    private static final String CLAIMABLE = "d.status IN ('PENDING', 'RETRYING') AND d.next_attempt_at <= :now "
            + "AND (d.lease_until IS NULL OR d.lease_until <= :now) AND EXISTS (SELECT 1 FROM <prefix>webhook_endpoints e "
            + "WHERE e.id = d.endpoint_id AND e.enabled = TRUE AND e.health <> 'DISABLED')";

    private final Handles handles;

    JdbiWebhookDeliveries(Handles handles) {
        this.handles = handles;
    }

    @Override
    public boolean add(WebhookDelivery d) {
        return handles.call(handle -> handle.createUpdate("INSERT INTO <prefix>webhook_deliveries (" + COLUMNS + ") VALUES "
                        + "(:id, :endpoint, :event, :eventKey, :type, :payload, :status, :attempts, :next, :code, "
                        + ":latency, :error, :createdAt, :lastAttemptAt) ON CONFLICT DO NOTHING")
                .bind("id", d.id()).bind("endpoint", d.endpointId()).bind("event", d.eventId())
                .bind("eventKey", d.fanOut() ? d.eventId() : null).bind("type", d.eventType())
                .bind("payload", d.payload()).bind("status", d.status().name()).bind("attempts", d.attempts())
                .bind("next", d.nextAttemptAt()).bind("code", d.lastStatusCode()).bind("latency", d.lastLatencyMillis())
                .bind("error", d.lastError()).bind("createdAt", d.createdAt()).bind("lastAttemptAt", d.lastAttemptAt())
                .execute()) == 1;
    }

    @Override
    public Optional<WebhookDelivery> find(UUID id) {
        return handles.call(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM <prefix>webhook_deliveries WHERE id = :id")
                .bind("id", id).map(JdbiWebhookDeliveries::map).findOne());
    }

    @Override
    public List<WebhookDelivery> claimDue(String worker, Instant now, Duration lease, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Instant until = now.plus(lease);
        return handles.inOwnTransaction(handle -> {
            List<UUID> claimed;
            if (handles.dialect() == Dialect.POSTGRESQL) {
                claimed = handle.createQuery("SELECT d.id FROM <prefix>webhook_deliveries d WHERE " + CLAIMABLE
                                + " ORDER BY d.next_attempt_at, d.id LIMIT :limit FOR UPDATE OF d SKIP LOCKED")
                        .bind("now", now).bind("limit", limit).mapTo(UUID.class).list();
                if (!claimed.isEmpty()) {
                    handle.createUpdate("UPDATE <prefix>webhook_deliveries SET lease_owner = :worker, lease_until = :until "
                                    + "WHERE id IN (<ids>)")
                            .bindList("ids", claimed).bind("worker", worker).bind("until", until).execute();
                }
            } else {
                claimed = new ArrayList<>(limit);
                List<UUID> candidates = handle.createQuery("SELECT d.id FROM <prefix>webhook_deliveries d WHERE "
                                + CLAIMABLE + " ORDER BY d.next_attempt_at, d.id LIMIT :limit")
                        .bind("now", now).bind("limit", limit * H2_CANDIDATE_FACTOR).mapTo(UUID.class).list();
                for (UUID candidate : candidates) {
                    if (claimed.size() == limit) {
                        break;
                    }
                    int taken = handle.createUpdate("UPDATE <prefix>webhook_deliveries d SET lease_owner = :worker, "
                                    + "lease_until = :until WHERE d.id = :id AND " + CLAIMABLE)
                            .bind("id", candidate).bind("worker", worker).bind("until", until).bind("now", now).execute();
                    if (taken == 1) {
                        claimed.add(candidate);
                    }
                }
            }
            if (claimed.isEmpty()) {
                return List.<WebhookDelivery>of();
            }
            return handle.createQuery("SELECT " + COLUMNS + " FROM <prefix>webhook_deliveries WHERE id IN (<ids>) "
                            + "ORDER BY next_attempt_at, id")
                    .bindList("ids", claimed).map(JdbiWebhookDeliveries::map).list();
        });
    }

    @Override
    public boolean recordAttempt(WebhookDelivery d, String worker) {
        return handles.call(handle -> handle.createUpdate("UPDATE <prefix>webhook_deliveries SET status = :status, "
                        + "attempts = :attempts, next_attempt_at = :next, last_status_code = :code, "
                        + "last_latency_ms = :latency, last_error = :error, last_attempt_at = :lastAttemptAt, "
                        + "lease_owner = NULL, lease_until = NULL "
                        + "WHERE id = :id AND lease_owner = :worker AND status IN ('PENDING', 'RETRYING')")
                .bind("id", d.id()).bind("worker", worker).bind("status", d.status().name())
                .bind("attempts", d.attempts()).bind("next", d.nextAttemptAt()).bind("code", d.lastStatusCode())
                .bind("latency", d.lastLatencyMillis()).bind("error", d.lastError())
                .bind("lastAttemptAt", d.lastAttemptAt()).execute()) == 1;
    }

    @Override
    public List<WebhookDelivery> listByEndpoint(UUID endpointId, UUID after, int limit) {
        String page = after == null ? "" : " AND id < :after";
        return handles.call(handle -> {
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM <prefix>webhook_deliveries "
                    + "WHERE endpoint_id = :endpoint" + page + " ORDER BY id DESC LIMIT :limit")
                    .bind("endpoint", endpointId).bind("limit", limit);
            if (after != null) {
                query.bind("after", after);
            }
            return query.map(JdbiWebhookDeliveries::map).list();
        });
    }

    static WebhookDelivery map(ResultSet rs, StatementContext ctx) throws SQLException {
        int code = rs.getInt("last_status_code");
        Integer statusCode = rs.wasNull() ? null : code;
        long latency = rs.getLong("last_latency_ms");
        Long latencyMillis = rs.wasNull() ? null : latency;
        return new WebhookDelivery(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class),
                rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("payload"),
                rs.getObject("event_key", UUID.class) != null, WebhookDelivery.Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), JdbiWebhookEndpoints.instant(rs, "next_attempt_at"), statusCode, latencyMillis,
                rs.getString("last_error"), JdbiWebhookEndpoints.instant(rs, "created_at"),
                JdbiWebhookEndpoints.instant(rs, "last_attempt_at"));
    }
}
