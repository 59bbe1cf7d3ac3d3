package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code memberships} and the tenant's {@code member_count} and {@code owner_count}. Every change
 * first writes the tenant row with a conditional update (a seat free under the limit, counting
 * member invitations stored PENDING; another OWNER left), which holds that row until commit:
 * concurrent changes of one tenant queue on it, so none can see a stale count, and each takes
 * the tenant row before any membership row, so they never deadlock. The insert never raises
 * (0 = already a member). Tenants a user owns are counted the same way in
 * {@code owned_tenant_counts}.
 */
public interface MembershipSql {

    @SqlUpdate("INSERT INTO <prefix>memberships (" + MembershipRow.COLUMNS + ") VALUES (:tenantId, :userId, :role, :joinedAt) "
            + "ON CONFLICT DO NOTHING")
    int insert(@BindMethods MembershipRow row);

    /**
     * 1, holding the tenant row until commit, when members plus member invitations stored PENDING
     * leave a seat under {@code max}; {@code owners} (0 or 1) counts an OWNER too.
     */
    @SqlUpdate("UPDATE <prefix>tenants SET member_count = member_count + 1, owner_count = owner_count + :owners "
            + "WHERE id = :tenant AND member_count + pending_invitations < :max")
    int countOneMoreWithin(UUID tenant, int max, int owners);

    @SqlUpdate("UPDATE <prefix>tenants SET member_count = member_count + 1, owner_count = owner_count + :owners WHERE id = :tenant")
    int countOneMore(UUID tenant, int owners);

    /** Gives back what {@link #countOneMore} counted, for an insert that found the member there already. */
    @SqlUpdate("UPDATE <prefix>tenants SET member_count = member_count - 1, owner_count = owner_count - :owners WHERE id = :tenant")
    int countOneLess(UUID tenant, int owners);

    /** 1, holding the tenant row until commit, unless that would leave it without an OWNER (0). */
    @SqlUpdate("UPDATE <prefix>tenants SET owner_count = owner_count - 1 WHERE id = :tenant AND owner_count > 1")
    int countOneOwnerLessKeepingOne(UUID tenant);

    /** Adds {@code delta} (±1) to the tenant's owners, holding its row until commit. */
    @SqlUpdate("UPDATE <prefix>tenants SET owner_count = owner_count + :delta WHERE id = :tenant")
    int countOwners(UUID tenant, int delta);

    /** A member leaves the count, an OWNER only while another remains: 1, holding the tenant row; else 0. */
    @SqlUpdate("UPDATE <prefix>tenants SET member_count = member_count - 1, owner_count = owner_count - 1 "
            + "WHERE id = :tenant AND owner_count > 1 AND member_count > 0")
    int countOneOwningMemberLess(UUID tenant);

    @SqlUpdate("UPDATE <prefix>tenants SET member_count = member_count - 1 WHERE id = :tenant AND member_count > 0")
    int countOneMemberLess(UUID tenant);

    @SqlUpdate("UPDATE <prefix>memberships SET role = :to WHERE tenant_id = :tenant AND user_id = :user AND role = :from")
    int changeRole(UUID tenant, UUID user, String from, String to);

    @SqlUpdate("DELETE FROM <prefix>memberships WHERE tenant_id = :tenant AND user_id = :user AND role = :role")
    int deleteWithRole(UUID tenant, UUID user, String role);

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

    @SqlQuery("SELECT " + MembershipRow.COLUMNS + " FROM <prefix>memberships WHERE tenant_id = :tenant "
            + "ORDER BY joined_at, user_id LIMIT :limit")
    List<MembershipRow> firstOfTenant(UUID tenant, int limit);

    /** The page after (joinedAt, user), on the index (tenant_id, joined_at, user_id). */
    @SqlQuery("SELECT " + MembershipRow.COLUMNS + " FROM <prefix>memberships WHERE tenant_id = :tenant "
            + "AND (joined_at > :joinedAt OR (joined_at = :joinedAt AND user_id > :user)) "
            + "ORDER BY joined_at, user_id LIMIT :limit")
    List<MembershipRow> ofTenantAfter(UUID tenant, Instant joinedAt, UUID user, int limit);

    /** Each tenant's counts as the seat rule keeps them on its row. */
    @SqlQuery("SELECT id, member_count, pending_invitations FROM <prefix>tenants WHERE id IN (<ids>)")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(UsageRow.class)
    java.util.List<UsageRow> usage(@org.jdbi.v3.sqlobject.customizer.BindList("ids") java.util.Collection<UUID> ids);

    record UsageRow(UUID id, long memberCount, long pendingInvitations) {
    }

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
