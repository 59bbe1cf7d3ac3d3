package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.membership.MemberInvitation;
import io.invitekit.domain.membership.MemberInvitationId;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code member_invitations}. {@code pendingEmail} and {@code lapsesAt} are derived: set
 * (to the email, to the expiry) exactly while the invitation is stored PENDING.
 */
public record MemberInvitationRow(
        UUID id,
        UUID tenantId,
        String email,
        String pendingEmail,
        Instant lapsesAt,
        String role,
        UUID invitedBy,
        String inviterName,
        String tokenDigest,
        String status,
        int ttlDays,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt,
        Instant cancelledAt,
        UUID acceptedBy,
        int resendCount,
        Instant lastSentAt,
        long version) {

    static final String COLUMNS = "id, tenant_id, email, pending_email, lapses_at, role, invited_by, inviter_name, "
            + "token_digest, status, ttl_days, created_at, expires_at, accepted_at, cancelled_at, accepted_by, resend_count, "
            + "last_sent_at, version";

    public static MemberInvitationRow of(MemberInvitation inv) {
        boolean pending = inv.storedStatus() == InvitationStatus.PENDING;
        return new MemberInvitationRow(inv.id().value(), inv.tenantId().value(), inv.email().value(),
                pending ? inv.email().value() : null, pending ? inv.expiresAt() : null, inv.role().name(),
                inv.invitedBy().value(), inv.inviterName(), inv.tokenDigest().hex(), inv.storedStatus().name(), inv.ttlDays(),
                inv.createdAt(), inv.expiresAt(), inv.acceptedAt(), inv.cancelledAt(),
                inv.acceptedBy() == null ? null : inv.acceptedBy().value(), inv.resendCount(), inv.lastSentAt(),
                inv.version());
    }

    public MemberInvitation toDomain() {
        return new MemberInvitation(new MemberInvitationId(id), new TenantId(tenantId), new EmailAddress(email),
                Role.valueOf(role), new UserId(invitedBy), inviterName, new TokenDigest(tokenDigest),
                InvitationStatus.valueOf(status), ttlDays, createdAt, expiresAt, acceptedAt, cancelledAt,
                acceptedBy == null ? null : new UserId(acceptedBy), resendCount, lastSentAt, version);
    }

    /** Columns {@code c} to {@code c + 18} of the current row, in the order of the SELECT's columns. */
    public static MemberInvitationRow read(ResultSet r, int c) throws SQLException {
        return new MemberInvitationRow(Columns.uuid(r, c), Columns.uuid(r, c + 1), r.getString(c + 2), r.getString(c + 3),
                Columns.instant(r, c + 4), r.getString(c + 5), Columns.uuid(r, c + 6), r.getString(c + 7), r.getString(c + 8),
                r.getString(c + 9), r.getInt(c + 10), Columns.instant(r, c + 11), Columns.instant(r, c + 12),
                Columns.instant(r, c + 13), Columns.instant(r, c + 14), Columns.uuid(r, c + 15), r.getInt(c + 16),
                Columns.instant(r, c + 17), r.getLong(c + 18));
    }
}
