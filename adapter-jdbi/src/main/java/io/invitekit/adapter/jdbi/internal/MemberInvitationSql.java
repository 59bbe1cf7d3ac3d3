package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code member_invitations} and the seats they hold in the tenant's {@code pending_invitations}.
 * Every write that puts a row into PENDING or takes one out of it first writes (so locks) the
 * tenant row: writers of one tenant queue there, in the same order everywhere (tenant row, then
 * invitation rows), so no two of them deadlock and none sees a stale count. Nothing here raises a
 * conflict: inserts are {@code ON CONFLICT DO NOTHING}, updates conditional.
 */
public interface MemberInvitationSql {

    @SqlUpdate("INSERT INTO <prefix>member_invitations (" + MemberInvitationRow.COLUMNS + ") VALUES (:id, :tenantId, :email, "
            + ":pendingEmail, :lapsesAt, :role, :invitedBy, :inviterName, :tokenDigest, :status, :ttlDays, :createdAt, "
            + ":expiresAt, :acceptedAt, :cancelledAt, :acceptedBy, :resendCount, :lastSentAt, :version) ON CONFLICT DO NOTHING")
    int insert(@BindMethods MemberInvitationRow row);

    /** 1, holding the tenant row until commit, when members plus pending invitations leave a seat under {@code max}. */
    @SqlUpdate("UPDATE <prefix>tenants SET pending_invitations = pending_invitations + 1 "
            + "WHERE id = :tenant AND member_count + pending_invitations < :max")
    int holdSeatWithin(UUID tenant, int max);

    @SqlUpdate("UPDATE <prefix>tenants SET pending_invitations = pending_invitations + 1 WHERE id = :tenant")
    int holdSeat(UUID tenant);

    @SqlUpdate("UPDATE <prefix>tenants SET pending_invitations = pending_invitations - :seats WHERE id = :tenant")
    int releaseSeats(UUID tenant, int seats);

    /** The tenant's effective user limit (NULL: unlimited), read while holding its row. */
    @SqlQuery("SELECT max_users FROM <prefix>tenants WHERE id = :tenant FOR UPDATE")
    List<Integer> lockTenant(UUID tenant);

    @SqlQuery("SELECT count(*) FROM <prefix>member_invitations WHERE status = 'PENDING'")
    long countPending();

    @SqlQuery("SELECT " + MemberInvitationRow.COLUMNS + " FROM <prefix>member_invitations WHERE id = :id")
    Optional<MemberInvitationRow> byId(UUID id);

    @SqlQuery("SELECT " + MemberInvitationRow.COLUMNS + " FROM <prefix>member_invitations "
            + "WHERE tenant_id = :tenant AND pending_email = :email")
    Optional<MemberInvitationRow> storedPendingFor(UUID tenant, String email);

    @SqlQuery("SELECT status FROM <prefix>member_invitations WHERE id = :id")
    Optional<String> storedStatus(UUID id);

    /**
     * The transitions change only these columns; the version makes it a compare-and-set, and the
     * stored status it starts from must be {@code from} (so a seat is counted exactly once).
     */
    @SqlUpdate("UPDATE <prefix>member_invitations SET pending_email = :row.pendingEmail, lapses_at = :row.lapsesAt, "
            + "token_digest = :row.tokenDigest, status = :row.status, expires_at = :row.expiresAt, "
            + "accepted_at = :row.acceptedAt, cancelled_at = :row.cancelledAt, accepted_by = :row.acceptedBy, "
            + "resend_count = :row.resendCount, last_sent_at = :row.lastSentAt, version = :row.version "
            + "WHERE id = :row.id AND version = :row.version - 1 AND status = :from")
    int update(@BindMethods("row") MemberInvitationRow row, String from);

    /** A revival into PENDING, written only while no other invitation holds the tenant and email. */
    @SqlUpdate("UPDATE <prefix>member_invitations SET pending_email = :row.pendingEmail, lapses_at = :row.lapsesAt, "
            + "token_digest = :row.tokenDigest, status = :row.status, expires_at = :row.expiresAt, "
            + "accepted_at = :row.acceptedAt, cancelled_at = :row.cancelledAt, accepted_by = :row.acceptedBy, "
            + "resend_count = :row.resendCount, last_sent_at = :row.lastSentAt, version = :row.version "
            + "WHERE id = :row.id AND version = :row.version - 1 AND status <> 'PENDING' "
            + "AND NOT EXISTS (SELECT 1 FROM <prefix>member_invitations other "
            + "WHERE other.tenant_id = :row.tenantId AND other.pending_email = :row.pendingEmail)")
    int revive(@BindMethods("row") MemberInvitationRow row);

    @SqlQuery("SELECT id, tenant_id FROM <prefix>member_invitations WHERE lapses_at <= :now ORDER BY lapses_at LIMIT :limit")
    @RegisterConstructorMapper(Due.class)
    List<Due> dueForExpiry(Instant now, int limit);

    /** Guarded again: a row accepted, cancelled or resent since it was picked is left alone. */
    @SqlUpdate("UPDATE <prefix>member_invitations SET status = 'EXPIRED', pending_email = NULL, lapses_at = NULL, "
            + "version = version + 1 "
            + "WHERE id IN (<ids>) AND status = 'PENDING' AND expires_at <= :now")
    int expire(@BindList("ids") List<UUID> ids, Instant now);

    /** {@link #expire}, answering the ids it expired (PostgreSQL). */
    @SqlQuery("UPDATE <prefix>member_invitations SET status = 'EXPIRED', pending_email = NULL, lapses_at = NULL, "
            + "version = version + 1 "
            + "WHERE id IN (<ids>) AND status = 'PENDING' AND expires_at <= :now RETURNING id")
    List<UUID> expireReturning(@BindList("ids") List<UUID> ids, Instant now);

    /** {@link #expire}, answering the ids it expired (H2: a data change delta table). */
    @SqlQuery("SELECT id FROM FINAL TABLE (UPDATE <prefix>member_invitations SET status = 'EXPIRED', pending_email = NULL, "
            + "lapses_at = NULL, version = version + 1 "
            + "WHERE id IN (<ids>) AND status = 'PENDING' AND expires_at <= :now)")
    List<UUID> expireReturningH2(@BindList("ids") List<UUID> ids, Instant now);

    /** One invitation the sweeper picked, and its tenant, whose row it locks first. */
    record Due(UUID id, UUID tenantId) {
        public Due {
        }
    }
}
