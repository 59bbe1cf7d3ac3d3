package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.application.port.out.Event;
import io.invitekit.application.port.out.WebhookEndpoint;
import io.invitekit.application.port.out.WebhookEndpoints;
import io.invitekit.domain.tenant.TenantId;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/** {@code webhook_endpoints}; updates are conditional on {@code version}. */
final class JdbiWebhookEndpoints implements WebhookEndpoints {
    static final String COLUMNS = "id, tenant_id, url, event_types, description, enabled, health, consecutive_failures, "
            + "failing_since, secret_sealed, previous_secret_sealed, previous_secret_until, version, created_at, updated_at";

    private final Handles handles;

    JdbiWebhookEndpoints(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void add(WebhookEndpoint e) {
        handles.call(handle -> bind(handle.createUpdate("INSERT INTO <prefix>webhook_endpoints (" + COLUMNS + ") VALUES "
                + "(:id, :tenant, :url, :types, :description, :enabled, :health, :failures, :failingSince, :secret, "
                + ":previousSecret, :previousUntil, :version, :createdAt, :updatedAt)"), e).execute());
    }

    @Override
    public Optional<WebhookEndpoint> find(UUID id) {
        return handles.call(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM <prefix>webhook_endpoints WHERE id = :id")
                .bind("id", id).map(JdbiWebhookEndpoints::map).findOne());
    }

    @Override
    public Optional<WebhookEndpoint> update(WebhookEndpoint changed) {
        WebhookEndpoint written = changed.withVersion(changed.version() + 1);
        int rows = handles.call(handle -> bind(handle.createUpdate("UPDATE <prefix>webhook_endpoints SET url = :url, "
                + "event_types = :types, description = :description, enabled = :enabled, health = :health, "
                + "consecutive_failures = :failures, failing_since = :failingSince, secret_sealed = :secret, "
                + "previous_secret_sealed = :previousSecret, previous_secret_until = :previousUntil, "
                + "version = :version, updated_at = :updatedAt WHERE id = :id AND version = :expected"), written)
                .bind("expected", changed.version()).execute());
        return rows == 1 ? Optional.of(written) : Optional.empty();
    }

    @Override
    public boolean delete(UUID id) {
        return handles.call(handle -> handle.createUpdate("DELETE FROM <prefix>webhook_endpoints WHERE id = :id")
                .bind("id", id).execute()) == 1;
    }

    @Override
    public List<WebhookEndpoint> list(TenantId tenant, UUID after, int limit) {
        String scope = tenant == null ? "tenant_id IS NULL" : "tenant_id = :tenant";
        String page = after == null ? "" : " AND id < :after";
        return handles.call(handle -> {
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM <prefix>webhook_endpoints WHERE " + scope + page
                    + " ORDER BY id DESC LIMIT :limit").bind("limit", limit);
            if (tenant != null) {
                query.bind("tenant", tenant.value());
            }
            if (after != null) {
                query.bind("after", after);
            }
            return query.map(JdbiWebhookEndpoints::map).list();
        });
    }

    @Override
    public List<WebhookEndpoint> matching(Event event) {
        // The scope and the on/off switch in SQL; the type filter, a short list, here.
        String scope = event.tenant() == null ? "tenant_id IS NULL" : "(tenant_id IS NULL OR tenant_id = :tenant)";
        return handles.call(handle -> {
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM <prefix>webhook_endpoints WHERE " + scope
                    + " AND enabled = TRUE AND health <> 'DISABLED' ORDER BY id");
            if (event.tenant() != null) {
                query.bind("tenant", event.tenant().value());
            }
            return query.map(JdbiWebhookEndpoints::map).stream().filter(e -> e.matches(event)).toList();
        });
    }

    private static Update bind(Update update, WebhookEndpoint e) {
        return update.bind("id", e.id())
                .bind("tenant", e.tenant() == null ? null : e.tenant().value())
                .bind("url", e.url().toString())
                .bind("types", String.join(",", new java.util.TreeSet<>(e.eventTypes())))
                .bind("description", e.description())
                .bind("enabled", e.enabled())
                .bind("health", e.health().name())
                .bind("failures", e.consecutiveFailures())
                .bind("failingSince", e.failingSince())
                .bind("secret", e.sealedSecret())
                .bind("previousSecret", e.previousSealedSecret())
                .bind("previousUntil", e.previousSecretUntil())
                .bind("version", e.version())
                .bind("createdAt", e.createdAt())
                .bind("updatedAt", e.updatedAt());
    }

    static WebhookEndpoint map(ResultSet rs, StatementContext ctx) throws SQLException {
        UUID tenant = rs.getObject("tenant_id", UUID.class);
        String types = rs.getString("event_types");
        Set<String> typeSet = types == null || types.isEmpty() ? Set.of()
                : Arrays.stream(types.split(",")).collect(Collectors.toSet());
        return new WebhookEndpoint(rs.getObject("id", UUID.class), tenant == null ? null : new TenantId(tenant),
                URI.create(rs.getString("url")), typeSet, rs.getString("description"), rs.getBoolean("enabled"),
                WebhookEndpoint.Health.valueOf(rs.getString("health")), rs.getInt("consecutive_failures"),
                instant(rs, "failing_since"), rs.getBytes("secret_sealed"), rs.getBytes("previous_secret_sealed"),
                instant(rs, "previous_secret_until"), rs.getLong("version"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
