package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface InvitationSql {

    @SqlUpdate("INSERT INTO <prefix>tenant_invitations (" + InvitationRow.COLUMNS + ") VALUES (:id, :email, :pendingEmail, "
            + ":lapsesAt, :suggestedBusinessName, :tier, :customMaxUsers, :customMaxResources, :permissions, :featureFlags, "
            + ":reservedSubdomain, :invitedBy, :inviterName, :tokenDigest, :status, :ttlDays, :createdAt, :expiresAt, :acceptedAt, "
            + ":cancelledAt, :createdTenant, :createdUser, :resendCount, :lastSentAt, :version, :locale)")
    void insert(@BindMethods InvitationRow row);

    @SqlQuery("SELECT count(*) FROM <prefix>tenant_invitations WHERE status = 'PENDING'")
    long countPending();

    @SqlQuery("SELECT " + InvitationRow.COLUMNS + " FROM <prefix>tenant_invitations WHERE id = :id")
    Optional<InvitationRow> byId(UUID id);

    @SqlQuery("SELECT " + InvitationRow.COLUMNS + " FROM <prefix>tenant_invitations WHERE pending_email = :email")
    Optional<InvitationRow> storedPendingFor(String email);

    /** The transitions change only these columns; the version makes it a compare-and-set. */
    @SqlUpdate("UPDATE <prefix>tenant_invitations SET pending_email = :pendingEmail, lapses_at = :lapsesAt, "
            + "token_digest = :tokenDigest, "
            + "status = :status, expires_at = :expiresAt, accepted_at = :acceptedAt, cancelled_at = :cancelledAt, "
            + "created_tenant = :createdTenant, created_user = :createdUser, resend_count = :resendCount, "
            + "last_sent_at = :lastSentAt, version = :version "
            + "WHERE id = :id AND version = :version - 1")
    int update(@BindMethods InvitationRow row);

    @SqlQuery("SELECT id FROM <prefix>tenant_invitations WHERE lapses_at <= :now ORDER BY lapses_at LIMIT :limit")
    List<UUID> dueForExpiry(Instant now, int limit);

    /** Guarded again: a row resent or accepted since it was picked is left alone. */
    @SqlUpdate("UPDATE <prefix>tenant_invitations SET status = 'EXPIRED', pending_email = NULL, lapses_at = NULL, "
            + "version = version + 1 "
            + "WHERE id IN (<ids>) AND status = 'PENDING' AND expires_at <= :now")
    int expire(@BindList("ids") List<UUID> ids, Instant now);

    /** {@link #expire}, answering the ids it expired (PostgreSQL). */
    @SqlQuery("UPDATE <prefix>tenant_invitations SET status = 'EXPIRED', pending_email = NULL, lapses_at = NULL, "
            + "version = version + 1 "
            + "WHERE id IN (<ids>) AND status = 'PENDING' AND expires_at <= :now RETURNING id")
    List<UUID> expireReturning(@BindList("ids") List<UUID> ids, Instant now);

    /** {@link #expire}, answering the ids it expired (H2: a data change delta table). */
    @SqlQuery("SELECT id FROM FINAL TABLE (UPDATE <prefix>tenant_invitations SET status = 'EXPIRED', pending_email = NULL, "
            + "lapses_at = NULL, version = version + 1 "
            + "WHERE id IN (<ids>) AND status = 'PENDING' AND expires_at <= :now)")
    List<UUID> expireReturningH2(@BindList("ids") List<UUID> ids, Instant now);

    /**
     * Frees the reservations of those among {@code ids} whose time is up. A reservation lasts as
     * long as its invitation ({@code reserved_until} = {@code expires_at}, renewed by a resend), so
     * these are exactly the expired ones. It reads only {@code subdomain_claims}: a join to the
     * invitations by status let a stale estimate scan every EXPIRED row per batch, which made
     * a sweep of a million invitations take hours.
     */
    @SqlUpdate("DELETE FROM <prefix>subdomain_claims WHERE invitation_id IN (<ids>) AND tenant_id IS NULL AND reserved_until <= :now")
    int releaseLapsedReservations(@BindList("ids") List<UUID> ids, Instant now);
}
