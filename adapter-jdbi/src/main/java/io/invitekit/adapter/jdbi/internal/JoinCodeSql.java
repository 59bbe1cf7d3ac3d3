package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface JoinCodeSql {

    /** 0 when the value was ever used, or the tenant has an active code: never a raised conflict. */
    @SqlUpdate("INSERT INTO join_codes (" + JoinCodeRow.COLUMNS + ") VALUES (:id, :tenantId, :code, :activeTenantId, "
            + ":createdAt, :expiresAt, :maxUses, :uses) ON CONFLICT DO NOTHING")
    int insert(@BindMethods JoinCodeRow row);

    @SqlQuery("SELECT count(*) FROM join_codes WHERE code = :code")
    int countWithCode(String code);

    @SqlQuery("SELECT " + JoinCodeRow.COLUMNS + " FROM join_codes WHERE active_tenant_id = :tenant")
    Optional<JoinCodeRow> activeFor(UUID tenant);

    @SqlQuery("SELECT " + JoinCodeRow.COLUMNS + " FROM join_codes WHERE code = :code AND active_tenant_id IS NOT NULL")
    Optional<JoinCodeRow> activeByCode(String code);

    @SqlUpdate("UPDATE join_codes SET active_tenant_id = NULL WHERE id = :id AND active_tenant_id IS NOT NULL")
    int deactivate(UUID id);

    @SqlUpdate("UPDATE join_codes SET uses = uses + 1 WHERE id = :id AND active_tenant_id IS NOT NULL "
            + "AND (expires_at IS NULL OR expires_at > :now) AND (max_uses IS NULL OR uses < max_uses)")
    int claimUse(UUID id, Instant now);
}
