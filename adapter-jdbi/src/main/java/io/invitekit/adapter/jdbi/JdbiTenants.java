package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.PrefixSearchQuery;
import io.invitekit.adapter.jdbi.internal.TenantRow;
import io.invitekit.adapter.jdbi.internal.TenantSql;
import io.invitekit.application.port.out.PrefixSearch;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Tenants in {@code tenants}, their primary domain in {@code tenant_domains}. */
final class JdbiTenants implements Tenants {
    private final Handles handles;

    JdbiTenants(Handles handles) {
        this.handles = handles;
    }

    /** Whether this is the store that {@code other} reads: a statement of one may join the other's tables. */
    boolean keptIn(Handles other) {
        return handles == other;
    }

    @Override
    public void add(Tenant tenant) {
        handles.atomically(handle -> {
            TenantSql sql = handle.attach(TenantSql.class);
            if (sql.insert(TenantRow.of(tenant)) == 0) {
                if (sql.countWithId(tenant.id().value()) > 0) {
                    throw new IllegalStateException("duplicate tenant id " + tenant.id());
                }
                throw SubdomainTakenException.of(tenant.subdomain());
            }
            sql.insertPrimaryDomain(tenant.domain(), tenant.id().value(), tenant.createdAt());
            return null;
        });
    }

    @Override
    public Optional<Tenant> byId(TenantId id) {
        return handles.call(TenantSql.class, sql -> sql.byId(id.value()).map(TenantRow::toDomain));
    }

    @Override
    public List<Tenant> byIds(Collection<TenantId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<UUID> values = ids.stream().map(TenantId::value).distinct().toList();
        return handles.call(TenantSql.class, sql -> sql.byIds(values)).stream().map(TenantRow::toDomain).toList();
    }

    @Override
    public boolean update(Tenant tenant) {
        return handles.call(TenantSql.class, sql -> sql.updateActive(tenant.id().value(), tenant.active()) == 1);
    }

    @Override
    public List<PrefixSearch.Found<Tenant>> search(Boolean active, PrefixSearch search) {
        PrefixSearchQuery query = PrefixSearchQuery.of(TenantRow.COLUMNS, TenantRow.FROM, "t",
                List.of("name_key", "contact_key"), active == null ? "" : "t.active = :active",
                active == null ? Map.of() : Map.of("active", active), search);
        return handles.call(handle -> handle.createQuery(query.sql())
                .bindMap(query.parameters())
                .map((rs, ctx) -> new PrefixSearch.Found<>(
                        ctx.findRowMapperFor(TenantRow.class).orElseThrow().map(rs, ctx).toDomain(),
                        rs.getString("search_key")))
                .list());
    }

    @Override
    public List<Tenant> list(Boolean active, UUID after, int limit) {
        List<TenantRow> rows = handles.call(TenantSql.class, sql -> {
            if (active == null) {
                return after == null ? sql.page(limit) : sql.pageAfter(after, limit);
            }
            return after == null ? sql.activePage(active, limit) : sql.activePageAfter(active, after, limit);
        });
        return rows.stream().map(TenantRow::toDomain).toList();
    }
}
