package io.invitekit.domain.membership;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.InvalidTransitionException;
import io.invitekit.domain.invitation.InvitationAction;
import io.invitekit.domain.invitation.InvitationPolicy;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Text;
import io.invitekit.domain.shared.TokenDigest;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An invitation by email into an existing tenant with a role (ADMIN or MEMBER; ownership moves
 * only by transfer). Same lifecycle as a tenant invitation ({@link InvitationStatus}'s table):
 * {@code storedStatus} is what was last written, {@link #status(Instant)} what every reader sees;
 * every transition returns a new value with {@code version} one higher, for conditional updates.
 * While stored PENDING it holds one of the tenant's seats. Nullable: {@code inviterName},
 * {@code acceptedAt}, {@code cancelledAt}, {@code acceptedBy}.
 */
public record MemberInvitation(
        MemberInvitationId id,
        TenantId tenantId,
        EmailAddress email,
        Role role,
        UserId invitedBy,
        String inviterName,
        TokenDigest tokenDigest,
        InvitationStatus storedStatus,
        int ttlDays,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt,
        Instant cancelledAt,
        UserId acceptedBy,
        int resendCount,
        Instant lastSentAt,
        long version) {

    /** The longest inviter name kept; a longer one is cut. */
    public static final int MAX_INVITER_NAME = 200;

    public MemberInvitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(tokenDigest, "tokenDigest");
        Objects.requireNonNull(storedStatus, "storedStatus");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastSentAt, "lastSentAt");
        if (role == Role.OWNER) {
            throw new IllegalArgumentException("nobody is invited as OWNER: ownership moves only by transfer");
        }
        if (inviterName != null) {
            inviterName = inviterName.strip();
            if (inviterName.isEmpty() || Text.hasUnsafe(inviterName)) {
                inviterName = null;
            } else if (inviterName.length() > MAX_INVITER_NAME) {
                inviterName = inviterName.substring(0, MAX_INVITER_NAME);
            }
        }
        if (resendCount < 0) {
            throw new IllegalArgumentException("resendCount cannot be negative");
        }
    }

    /** A new PENDING invitation whose first email goes out now. {@code inviterName} may be null. */
    public static MemberInvitation create(MemberInvitationId id, TenantId tenant, EmailAddress email, Role role,
                                          UserId invitedBy, String inviterName, TokenDigest tokenDigest, int ttlDays,
                                          Instant now) {
        if (ttlDays < InvitationPolicy.MIN_TTL_DAYS) {
            throw new IllegalArgumentException("an invitation lives at least one day");
        }
        return new MemberInvitation(id, tenant, email, role, invitedBy, inviterName, tokenDigest,
                InvitationStatus.PENDING, ttlDays, now, now.plus(Duration.ofDays(ttlDays)), null, null, null, 0, now, 0);
    }

    /** The status as of {@code now}: a PENDING invitation at or past its expiry is EXPIRED. */
    public InvitationStatus status(Instant now) {
        if (storedStatus == InvitationStatus.PENDING && !now.isBefore(expiresAt)) {
            return InvitationStatus.EXPIRED;
        }
        return storedStatus;
    }

    /** Refuses an invitation that can no longer be accepted, with the code that says why. */
    public void requireOpen(Instant now) {
        require(InvitationAction.ACCEPT, now);
    }

    public MemberInvitation accept(Instant now, UserId user) {
        Objects.requireNonNull(user, "user");
        require(InvitationAction.ACCEPT, now);
        return next(InvitationStatus.ACCEPTED, tokenDigest, expiresAt, now, cancelledAt, user, resendCount, lastSentAt);
    }

    /** Revoked by an owner or admin. */
    public MemberInvitation cancel(Instant now) {
        require(InvitationAction.CANCEL, now);
        return next(InvitationStatus.CANCELLED, tokenDigest, expiresAt, acceptedAt, now, acceptedBy, resendCount,
                lastSentAt);
    }

    /** What the sweeper (or a new invitation for the same email) writes once the expiry has passed. */
    public MemberInvitation expire(Instant now) {
        if (storedStatus != InvitationStatus.PENDING || status(now) != InvitationStatus.EXPIRED) {
            throw new InvalidTransitionException(status(now), InvitationAction.EXPIRE);
        }
        return next(InvitationStatus.EXPIRED, tokenDigest, expiresAt, acceptedAt, cancelledAt, acceptedBy, resendCount,
                lastSentAt);
    }

    /** A fresh token and lifetime; only the new digest is kept, so the old link stops working. */
    public MemberInvitation resend(Instant now, TokenDigest newTokenDigest, InvitationPolicy policy) {
        Objects.requireNonNull(newTokenDigest, "newTokenDigest");
        require(InvitationAction.RESEND, now);
        policy.requireResendAllowed(resendCount, lastSentAt, now);
        return next(InvitationStatus.PENDING, newTokenDigest, now.plus(Duration.ofDays(ttlDays)), acceptedAt,
                cancelledAt, acceptedBy, resendCount + 1, now);
    }

    private void require(InvitationAction action, Instant now) {
        InvitationStatus current = status(now);
        if (current.after(action).isEmpty()) {
            throw new InvalidTransitionException(current, action);
        }
    }

    private MemberInvitation next(InvitationStatus status, TokenDigest digest, Instant newExpiresAt,
                                  Instant newAcceptedAt, Instant newCancelledAt, UserId user, int resends,
                                  Instant sentAt) {
        return new MemberInvitation(id, tenantId, email, role, invitedBy, inviterName, digest, status, ttlDays,
                createdAt, newExpiresAt, newAcceptedAt, newCancelledAt, user, resends, sentAt, version + 1);
    }
}
