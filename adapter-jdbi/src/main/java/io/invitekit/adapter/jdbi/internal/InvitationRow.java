package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvitationId;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code tenant_invitations}. {@code pendingEmail} and {@code lapsesAt} are derived: set
 * (to the email, to the expiry) exactly while the invitation is stored PENDING.
 */
public record InvitationRow(
        UUID id,
        String email,
        String pendingEmail,
        Instant lapsesAt,
        String suggestedBusinessName,
        String tier,
        Integer customMaxUsers,
        Integer customMaxResources,
        String permissions,
        String featureFlags,
        String reservedSubdomain,
        UUID invitedBy,
        String inviterName,
        String tokenDigest,
        String status,
        int ttlDays,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt,
        Instant cancelledAt,
        UUID createdTenant,
        UUID createdUser,
        int resendCount,
        Instant lastSentAt,
        long version,
        String locale) {

    static final String COLUMNS = "id, email, pending_email, lapses_at, suggested_business_name, tier, "
            + "custom_max_users, custom_max_resources, permissions, feature_flags, reserved_subdomain, invited_by, "
            + "inviter_name, token_digest, status, ttl_days, created_at, expires_at, accepted_at, cancelled_at, created_tenant, "
            + "created_user, resend_count, last_sent_at, version, locale";

    /** {@link #COLUMNS}, each qualified by a table alias. */
    public static String columns(String alias) {
        return java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> alias + "." + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public static InvitationRow of(TenantInvitation inv) {
        boolean pending = inv.storedStatus() == InvitationStatus.PENDING;
        return new InvitationRow(inv.id().value(), inv.email().value(), pending ? inv.email().value() : null,
                pending ? inv.expiresAt() : null,
                inv.suggestedBusinessName() == null ? null : inv.suggestedBusinessName().value(),
                inv.plan().tier().name(), inv.plan().customLimits().maxUsers(), inv.plan().customLimits().maxResources(),
                PlanColumns.permissions(inv.plan()), PlanColumns.featureFlags(inv.plan()),
                inv.reservedSubdomain() == null ? null : inv.reservedSubdomain().value(), inv.invitedBy().value(),
                inv.inviterName(), inv.tokenDigest().hex(), inv.storedStatus().name(), inv.ttlDays(), inv.createdAt(), inv.expiresAt(),
                inv.acceptedAt(), inv.cancelledAt(), inv.createdTenant() == null ? null : inv.createdTenant().value(),
                inv.createdUser() == null ? null : inv.createdUser().value(), inv.resendCount(), inv.lastSentAt(),
                inv.version(), inv.locale() == null ? null : inv.locale().value());
    }

    public TenantInvitation toDomain() {
        return new TenantInvitation(new InvitationId(id), new EmailAddress(email),
                suggestedBusinessName == null ? null : new Name(suggestedBusinessName),
                PlanColumns.plan(tier, customMaxUsers, customMaxResources, permissions, featureFlags),
                reservedSubdomain == null ? null : new Subdomain(reservedSubdomain), new UserId(invitedBy),
                inviterName, new TokenDigest(tokenDigest), InvitationStatus.valueOf(status), ttlDays, createdAt, expiresAt, acceptedAt,
                cancelledAt, createdTenant == null ? null : new TenantId(createdTenant),
                createdUser == null ? null : new UserId(createdUser), resendCount, lastSentAt, version,
                locale == null ? null : new LocaleTag(locale));
    }

    /** Columns {@code c} to {@code c + 25} of the current row, in the order of the SELECT's columns. */
    public static InvitationRow read(ResultSet r, int c) throws SQLException {
        return new InvitationRow(Columns.uuid(r, c), r.getString(c + 1), r.getString(c + 2), Columns.instant(r, c + 3),
                r.getString(c + 4), r.getString(c + 5), Columns.integer(r, c + 6), Columns.integer(r, c + 7),
                r.getString(c + 8), r.getString(c + 9), r.getString(c + 10), Columns.uuid(r, c + 11), r.getString(c + 12),
                r.getString(c + 13), r.getString(c + 14), r.getInt(c + 15), Columns.instant(r, c + 16),
                Columns.instant(r, c + 17), Columns.instant(r, c + 18), Columns.instant(r, c + 19), Columns.uuid(r, c + 20),
                Columns.uuid(r, c + 21), r.getInt(c + 22), Columns.instant(r, c + 23), r.getLong(c + 24),
                r.getString(c + 25));
    }
}
