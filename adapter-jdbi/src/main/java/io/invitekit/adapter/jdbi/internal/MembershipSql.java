package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code memberships} and the tenant's {@code member_count}. Adding is an insert that never
 * raises (0 = already a member) followed by a conditional increment that holds the tenant row
 * until commit (0 = full); concurrent joins of one tenant queue on that row, so none can see a
 * stale count. Tenants a user owns are counted the same way in {@code owned_tenant_counts}.
 */
public interface MembershipSql {

    @SqlUpdate("INSERT INTO <prefix>memberships (" + MembershipRow.COLUMNS + ") VALUES (:tenantId, :userId, :role, :joinedAt) "
            + "ON CONFLICT DO NOTHING")
    int insert(@BindMethods MembershipRow row);

    @SqlUpdate("UPDATE <prefix>tenants SET member_count = member_count + 1 WHERE id = :tenant AND member_count < :max")
    int countOneMoreWithin(UUID tenant, int max);

    @SqlUpdate("UPDATE <prefix>tenants SET member_count = member_count + 1 WHERE id = :tenant")
    int countOneMore(UUID tenant);

    @SqlUpdate("DELETE FROM <prefix>memberships WHERE tenant_id = :tenant AND user_id = :user")
    int delete(UUID tenant, UUID user);

    @SqlQuery("SELECT " + MembershipRow.COLUMNS + " FROM <prefix>memberships WHERE tenant_id = :tenant AND user_id = :user")
    Optional<MembershipRow> find(UUID tenant, UUID user);

    @SqlQuery("SELECT " + MembershipRow.COLUMNS + " FROM <prefix>memberships WHERE user_id = :user ORDER BY joined_at, tenant_id")
    List<MembershipRow> ofUser(UUID user);

    @SqlQuery("SELECT " + MembershipRow.COLUMNS + " FROM <prefix>memberships WHERE user_id = :user "
            + "ORDER BY joined_at, tenant_id LIMIT :limit")
    List<MembershipRow> firstOfUser(UUID user, int limit);

    /** The page after (joinedAt, tenant), on the index (user_id, joined_at, tenant_id). */
    @SqlQuery("SELECT " + MembershipRow.COLUMNS + " FROM <prefix>memberships WHERE user_id = :user "
            + "AND (joined_at > :joinedAt OR (joined_at = :joinedAt AND tenant_id > :tenant)) "
            + "ORDER BY joined_at, tenant_id LIMIT :limit")
    List<MembershipRow> ofUserAfter(UUID user, Instant joinedAt, UUID tenant, int limit);

    @SqlQuery("SELECT " + MembershipRow.COLUMNS + " FROM <prefix>memberships WHERE tenant_id = :tenant ORDER BY joined_at, user_id")
    List<MembershipRow> ofTenant(UUID tenant);

    @SqlQuery("SELECT count(*) FROM <prefix>memberships WHERE tenant_id = :tenant")
    long count(UUID tenant);

    /** The owner's count row, made once; 0 when it exists (never a raised conflict). */
    @SqlUpdate("INSERT INTO <prefix>owned_tenant_counts (user_id, owned) VALUES (:owner, 0) ON CONFLICT DO NOTHING")
    int insertOwnedCount(UUID owner);

    /** 1, holding the owner's row until commit, when under {@code max}; else 0. */
    @SqlUpdate("UPDATE <prefix>owned_tenant_counts SET owned = owned + 1 WHERE user_id = :owner AND owned < :max")
    int countOneMoreOwnedWithin(UUID owner, int max);

    @SqlUpdate("UPDATE <prefix>owned_tenant_counts SET owned = owned + 1 WHERE user_id = :owner")
    int countOneMoreOwned(UUID owner);

    @SqlQuery("SELECT owned FROM <prefix>owned_tenant_counts WHERE user_id = :owner")
    Optional<Integer> owned(UUID owner);
}
