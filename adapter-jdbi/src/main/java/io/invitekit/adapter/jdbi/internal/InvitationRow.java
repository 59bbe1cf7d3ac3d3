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
}
