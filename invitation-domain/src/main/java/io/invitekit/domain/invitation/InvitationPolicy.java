package io.invitekit.domain.invitation;

import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.InvalidValueException;
import io.invitekit.domain.shared.RetryLaterException;
import io.invitekit.domain.shared.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The configurable numbers of the invitation lifecycle. */
public record InvitationPolicy(int defaultTtlDays, int maxTtlDays, int maxResends, Duration resendCooldown) {
    public static final int MIN_TTL_DAYS = 1;

    public InvitationPolicy {
        Objects.requireNonNull(resendCooldown, "resendCooldown");
        if (maxTtlDays < MIN_TTL_DAYS || defaultTtlDays < MIN_TTL_DAYS || defaultTtlDays > maxTtlDays) {
            throw new IllegalArgumentException("the default invitation lifetime must lie within 1.." + maxTtlDays + " days");
        }
        if (maxResends < 0 || resendCooldown.isNegative()) {
            throw new IllegalArgumentException("resend limits cannot be negative");
        }
    }

    public static InvitationPolicy defaults() {
        return new InvitationPolicy(7, 30, 5, Duration.ofSeconds(60));
    }

    /**
     * Refuses a resend past the cap or within the cooldown of the last email; shared by every
     * kind of invitation.
     *
     * @throws RuleViolationException {@code resend_limit_reached} after {@code maxResends}
     * @throws RetryLaterException    {@code resend_too_soon} within the cooldown of the last email
     */
    public void requireResendAllowed(int resendCount, Instant lastSentAt, Instant now) {
        if (resendCount >= maxResends) {
            throw new RuleViolationException(ErrorCode.RESEND_LIMIT_REACHED,
                    "this invitation was already resent " + maxResends + " times");
        }
        Instant allowedFrom = lastSentAt.plus(resendCooldown);
        if (now.isBefore(allowedFrom)) {
            throw new RetryLaterException(ErrorCode.RESEND_TOO_SOON, "the last email for this invitation went out "
                    + "moments ago", Duration.between(now, allowedFrom));
        }
    }

    /** The lifetime asked for, or the default; outside 1..maxTtlDays it is refused. */
    public int ttlDays(Integer requested) {
        if (requested == null) {
            return defaultTtlDays;
        }
        if (requested < MIN_TTL_DAYS || requested > maxTtlDays) {
            throw new InvalidValueException("an invitation expires in " + MIN_TTL_DAYS + " to " + maxTtlDays + " days");
        }
        return requested;
    }
}
