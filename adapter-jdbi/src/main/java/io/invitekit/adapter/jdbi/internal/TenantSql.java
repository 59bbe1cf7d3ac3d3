package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface TenantSql {

    /** 0 when the id or the subdomain is taken (the caller tells which); never a raised conflict. */
    @SqlUpdate("INSERT INTO <prefix>tenants (id, name, subdomain, tier, custom_max_users, custom_max_resources, permissions, "
            + "feature_flags, max_users, max_resources, active, contact_email, phone, created_at) VALUES (:id, :name, "
            + ":subdomain, :tier, :customMaxUsers, :customMaxResources, :permissions, :featureFlags, :maxUsers, "
            + ":maxResources, :active, :contactEmail, :phone, :createdAt) ON CONFLICT DO NOTHING")
    int insert(@BindMethods TenantRow row);

    @SqlUpdate("INSERT INTO <prefix>tenant_domains (domain_name, tenant_id, primary_of, created_at) "
            + "VALUES (:domain, :tenant, :tenant, :createdAt)")
    void insertPrimaryDomain(String domain, UUID tenant, Instant createdAt);

    @SqlQuery("SELECT count(*) FROM <prefix>tenants WHERE id = :id")
    int countWithId(UUID id);

    @SqlQuery(TenantRow.SELECT + "WHERE t.id = :id")
    Optional<TenantRow> byId(UUID id);

    @SqlQuery(TenantRow.SELECT + "WHERE t.id IN (<ids>)")
    List<TenantRow> byIds(@BindList("ids") Collection<UUID> ids);

    @SqlUpdate("UPDATE <prefix>tenants SET active = :active WHERE id = :id")
    int updateActive(UUID id, boolean active);

    @SqlQuery(TenantRow.SELECT + "ORDER BY t.id DESC LIMIT :limit")
    List<TenantRow> page(int limit);

    @SqlQuery(TenantRow.SELECT + "WHERE t.id < :after ORDER BY t.id DESC LIMIT :limit")
    List<TenantRow> pageAfter(UUID after, int limit);

    @SqlQuery(TenantRow.SELECT + "WHERE t.active = :active ORDER BY t.id DESC LIMIT :limit")
    List<TenantRow> activePage(boolean active, int limit);

    @SqlQuery(TenantRow.SELECT + "WHERE t.active = :active AND t.id < :after ORDER BY t.id DESC LIMIT :limit")
    List<TenantRow> activePageAfter(boolean active, UUID after, int limit);
}
