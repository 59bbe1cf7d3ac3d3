package io.invitekit.domain.invitation;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.Plan;
import io.invitekit.domain.tenant.Subdomain;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An invitation for a future business owner to create a tenant.
 *
 * <p>{@code storedStatus} is what was last written; {@link #status(Instant)} is what every reader
 * sees, because a PENDING invitation past its expiry is EXPIRED whether or not the sweeper has
 * written that yet. Every transition returns a new value with {@code version} one higher, which
 * stores use for conditional updates. Nullable: {@code suggestedBusinessName},
 * {@code reservedSubdomain}, {@code inviterName}, {@code acceptedAt}, {@code cancelledAt},
 * {@code createdTenant}, {@code createdUser}.
 *
 * <p>{@code inviterName} is the inviter's display name as the user directory gave it when the
 * invitation was created: the link's page and every email show it without asking the directory
 * again (the inviter may have left meanwhile).
 *
 * <p>{@code locale} is the language the inviting admin chose for the email and the onboarding
 * page; null (invitations made before languages existed): the deployment's default.
 */
public record TenantInvitation(
        InvitationId id,
        EmailAddress email,
        Name suggestedBusinessName,
        Plan plan,
        Subdomain reservedSubdomain,
        UserId invitedBy,
        String inviterName,
        TokenDigest tokenDigest,
        InvitationStatus storedStatus,
        int ttlDays,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt,
        Instant cancelledAt,
        TenantId createdTenant,
        UserId createdUser,
        int resendCount,
        Instant lastSentAt,
        long version,
        LocaleTag locale) {

    /** Without a language: the deployment's default. */
    public TenantInvitation(InvitationId id, EmailAddress email, Name suggestedBusinessName, Plan plan,
                            Subdomain reservedSubdomain, UserId invitedBy, String inviterName, TokenDigest tokenDigest,
                            InvitationStatus storedStatus, int ttlDays, Instant createdAt, Instant expiresAt,
                            Instant acceptedAt, Instant cancelledAt, TenantId createdTenant, UserId createdUser,
                            int resendCount, Instant lastSentAt, long version) {
        this(id, email, suggestedBusinessName, plan, reservedSubdomain, invitedBy, inviterName, tokenDigest,
                storedStatus, ttlDays, createdAt, expiresAt, acceptedAt, cancelledAt, createdTenant, createdUser,
                resendCount, lastSentAt, version, null);
    }

    public TenantInvitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(tokenDigest, "tokenDigest");
        Objects.requireNonNull(storedStatus, "storedStatus");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastSentAt, "lastSentAt");
        if (inviterName != null) {
            inviterName = inviterName.strip();
            if (inviterName.isEmpty() || io.invitekit.domain.shared.Text.hasUnsafe(inviterName)) {
                inviterName = null; // a name nobody could show on one line is not shown at all
            } else if (inviterName.length() > MAX_INVITER_NAME) {
                inviterName = inviterName.substring(0, MAX_INVITER_NAME);
            }
        }
        if (resendCount < 0) {
            throw new IllegalArgumentException("resendCount cannot be negative");
        }
    }

    /** The longest inviter name kept; a longer one is cut. */
    public static final int MAX_INVITER_NAME = 200;

    /** A new PENDING invitation whose first email goes out now. {@code inviterName} may be null. */
    public static TenantInvitation create(InvitationId id, EmailAddress email, Name suggestedBusinessName, Plan plan,
                                          Subdomain reservedSubdomain, UserId invitedBy, String inviterName,
                                          TokenDigest tokenDigest, int ttlDays, Instant now) {
        if (ttlDays < InvitationPolicy.MIN_TTL_DAYS) {
            throw new IllegalArgumentException("an invitation lives at least one day");
        }
        return new TenantInvitation(id, email, suggestedBusinessName, plan, reservedSubdomain, invitedBy, inviterName,
                tokenDigest, InvitationStatus.PENDING, ttlDays, now, now.plus(Duration.ofDays(ttlDays)), null, null, null, null, 0,
                now, 0);
    }

    /** The status as of {@code now}: a PENDING invitation at or past its expiry is EXPIRED. */
    public InvitationStatus status(Instant now) {
        if (storedStatus == InvitationStatus.PENDING && !now.isBefore(expiresAt)) {
            return InvitationStatus.EXPIRED;
        }
        return storedStatus;
    }

    /**
     * Refuses an invitation that can no longer be accepted, with the code that says why
     * ({@code invitation_expired}, {@code invitation_cancelled}, {@code invitation_accepted}).
     */
    public void requireOpen(Instant now) {
        require(InvitationAction.ACCEPT, now);
    }

    public TenantInvitation accept(Instant now, TenantId tenant, UserId owner) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(owner, "owner");
        require(InvitationAction.ACCEPT, now);
        return next(InvitationStatus.ACCEPTED, tokenDigest, expiresAt, now, cancelledAt, tenant, owner, resendCount,
                lastSentAt);
    }

    public TenantInvitation cancel(Instant now) {
        require(InvitationAction.CANCEL, now);
        return next(InvitationStatus.CANCELLED, tokenDigest, expiresAt, acceptedAt, now, createdTenant, createdUser,
                resendCount, lastSentAt);
    }

    /** What the sweeper writes for a PENDING invitation that is past its expiry. */
    public TenantInvitation expire(Instant now) {
        if (storedStatus != InvitationStatus.PENDING || status(now) != InvitationStatus.EXPIRED) {
            throw new InvalidTransitionException(status(now), InvitationAction.EXPIRE);
        }
        return next(InvitationStatus.EXPIRED, tokenDigest, expiresAt, acceptedAt, cancelledAt, createdTenant,
                createdUser, resendCount, lastSentAt);
    }

    /**
     * A fresh token and a fresh lifetime. The old token stops working because only the new
     * digest is kept.
     *
     * @throws RuleViolationException {@code resend_limit_reached} after {@code maxResends}
     * @throws RetryLaterException    {@code resend_too_soon} within the cooldown of the last email
     */
    public TenantInvitation resend(Instant now, TokenDigest newTokenDigest, InvitationPolicy policy) {
        Objects.requireNonNull(newTokenDigest, "newTokenDigest");
        require(InvitationAction.RESEND, now);
        policy.requireResendAllowed(resendCount, lastSentAt, now);
        return next(InvitationStatus.PENDING, newTokenDigest, now.plus(Duration.ofDays(ttlDays)), acceptedAt,
                cancelledAt, createdTenant, createdUser, resendCount + 1, now);
    }

    private void require(InvitationAction action, Instant now) {
        InvitationStatus current = status(now);
        if (current.after(action).isEmpty()) {
            throw new InvalidTransitionException(current, action);
        }
    }

    private TenantInvitation next(InvitationStatus status, TokenDigest digest, Instant newExpiresAt, Instant newAcceptedAt,
                                  Instant newCancelledAt, TenantId tenant, UserId user, int resends, Instant sentAt) {
        return new TenantInvitation(id, email, suggestedBusinessName, plan, reservedSubdomain, invitedBy, inviterName,
                digest, status,
                ttlDays, createdAt, newExpiresAt, newAcceptedAt, newCancelledAt, tenant, user, resends, sentAt,
                version + 1, locale);
    }

    /** The same invitation (same version: not a transition) in another language; used when it is made. */
    public TenantInvitation inLocale(LocaleTag chosen) {
        return new TenantInvitation(id, email, suggestedBusinessName, plan, reservedSubdomain, invitedBy, inviterName,
                tokenDigest, storedStatus, ttlDays, createdAt, expiresAt, acceptedAt, cancelledAt, createdTenant,
                createdUser, resendCount, lastSentAt, version, chosen);
    }
}
