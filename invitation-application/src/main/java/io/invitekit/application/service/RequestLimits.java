package io.invitekit.application.service;

import io.invitekit.application.config.RateLimits;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.RateLimiter;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RetryLaterException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The limits on log-ins, sign-ups, invitation links and password resets, per client address (and
 * per email for log-ins and reset requests). A limit per address applies only when the caller says where the request came from.
 */
public final class RequestLimits {
    private final RateLimiter limiter;
    private final RateLimits limits;

    public RequestLimits(RateLimiter limiter, RateLimits limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    void login(String address, String email) {
        take(limits.loginPerAddress(), address);
        if (email != null && !email.isBlank()) {
            take(limits.loginPerEmail(), email.strip().toLowerCase(Locale.ROOT));
        }
    }

    void signup(String address) {
        take(limits.signupPerAddress(), address);
    }

    /** Requests for a password reset email, per client address and per email. */
    void passwordReset(String address, String email) {
        take(limits.passwordResetPerAddress(), address);
        if (email != null && !email.isBlank()) {
            take(limits.passwordResetPerEmail(), email.strip().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Whether the owner of {@code email} may be told of another sign-up attempt with it now (a
     * few an hour): never refuses the request, only the email.
     */
    boolean signupNotice(String email) {
        return limiter.tryAcquire(SIGNUP_NOTICES_PER_EMAIL, email.strip().toLowerCase(Locale.ROOT)).isEmpty();
    }

    /** "Someone tried to sign up with your address" emails per address. */
    static final RateLimit SIGNUP_NOTICES_PER_EMAIL = new RateLimit("signup_notice_email", 3, Duration.ofHours(1));

    /** Requests for a new verification email, per client address and per email. */
    void verificationResend(String address, String email) {
        take(limits.verificationResendPerAddress(), address);
        if (email != null && !email.isBlank()) {
            take(limits.verificationResendPerEmail(), email.strip().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Member invitations sent, per inviter and per invited address: invite, revoke and invite
     * again would otherwise send any address any number of emails with words the inviter chose.
     */
    void memberInvitation(String inviter, String email) {
        take(MEMBER_INVITATIONS_PER_INVITER, inviter);
        take(MEMBER_INVITATIONS_PER_EMAIL, email.strip().toLowerCase(Locale.ROOT));
    }

    static final RateLimit MEMBER_INVITATIONS_PER_INVITER = new RateLimit("member_invitation_inviter", 100, Duration.ofHours(1));
    static final RateLimit MEMBER_INVITATIONS_PER_EMAIL = new RateLimit("member_invitation_email", 5, Duration.ofHours(1));

    /** Webhook test events and replays asked for, per person. */
    void manualWebhookDelivery(String actor) {
        take(MANUAL_WEBHOOK_DELIVERIES_PER_ACTOR, actor);
    }

    static final RateLimit MANUAL_WEBHOOK_DELIVERIES_PER_ACTOR = new RateLimit("webhook_manual_actor", 30, Duration.ofHours(1));

    /** Lookups of a link's token (an invitation, a password reset) per client address. */
    void invitationLink(String address) {
        take(limits.linkPerAddress(), address);
    }

    private void take(RateLimit limit, String key) {
        if (key == null || key.isBlank()) {
            return;
        }
        Optional<Duration> wait = limiter.tryAcquire(limit, key);
        if (wait.isPresent()) {
            throw new RetryLaterException(ErrorCode.RATE_LIMITED, "too many requests; try again later", wait.get());
        }
    }
}
