package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code join_codes} and the tenant's switch for joining by code ({@code tenants.join_code_enabled}).
 * Whatever adds, uses or kills a code first writes the tenant's row, which holds it until
 * commit: adding and using a code, and turning joining off or on, queue on that row, in the same
 * order (tenant row, then code rows) as a join's count of members, so they cannot deadlock.
 */
public interface JoinCodeSql {

    /** 0 when the value was ever used, or the tenant has an active code: never a raised conflict. */
    @SqlUpdate("INSERT INTO <prefix>join_codes (" + JoinCodeRow.COLUMNS + ") VALUES (:id, :tenantId, :code, :activeTenantId, "
            + ":createdAt, :expiresAt, :maxUses, :uses) ON CONFLICT DO NOTHING")
    int insert(@BindMethods JoinCodeRow row);

    @SqlQuery("SELECT count(*) FROM <prefix>join_codes WHERE code = :code")
    int countWithCode(String code);

    @SqlQuery("SELECT " + JoinCodeRow.COLUMNS + " FROM <prefix>join_codes WHERE active_tenant_id = :tenant")
    Optional<JoinCodeRow> activeFor(UUID tenant);

    @SqlQuery("SELECT " + JoinCodeRow.COLUMNS + " FROM <prefix>join_codes WHERE code = :code AND active_tenant_id IS NOT NULL")
    Optional<JoinCodeRow> activeByCode(String code);

    @SqlUpdate("UPDATE <prefix>join_codes SET active_tenant_id = NULL WHERE id = :id AND active_tenant_id IS NOT NULL")
    int deactivate(UUID id);

    @SqlUpdate("UPDATE <prefix>join_codes SET uses = uses + 1 WHERE id = :id AND active_tenant_id IS NOT NULL "
            + "AND (expires_at IS NULL OR expires_at > :now) AND (max_uses IS NULL OR uses < max_uses)")
    int claimUse(UUID id, Instant now);

    /** 1, holding the tenant's row, while joining by code is on for it; 0 when it is off (or no such tenant). */
    @SqlUpdate("UPDATE <prefix>tenants SET join_code_enabled = TRUE WHERE id = :tenant AND join_code_enabled = TRUE")
    int holdIfJoiningOn(UUID tenant);

    /** {@link #holdIfJoiningOn} for the tenant of a code. */
    @SqlUpdate("UPDATE <prefix>tenants SET join_code_enabled = TRUE WHERE join_code_enabled = TRUE "
            + "AND id = (SELECT tenant_id FROM <prefix>join_codes WHERE id = :code)")
    int holdIfJoiningOnForCode(UUID code);

    @SqlQuery("SELECT join_code_enabled FROM <prefix>tenants WHERE id = :tenant")
    Optional<Boolean> joiningOn(UUID tenant);

    /** 1 when the switch changed to {@code on}, holding the row; 0 when it already was (no row held then). */
    @SqlUpdate("UPDATE <prefix>tenants SET join_code_enabled = :on WHERE id = :tenant AND join_code_enabled <> :on")
    int flipJoining(UUID tenant, boolean on);

    /** Holds the tenant's row with joining by code on, whatever it was. */
    @SqlUpdate("UPDATE <prefix>tenants SET join_code_enabled = TRUE WHERE id = :tenant")
    int holdJoiningOn(UUID tenant);

    @SqlUpdate("UPDATE <prefix>join_codes SET active_tenant_id = NULL WHERE active_tenant_id = :tenant")
    int deactivateAllOf(UUID tenant);
}
