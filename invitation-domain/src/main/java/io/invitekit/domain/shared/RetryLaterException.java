package io.invitekit.domain.shared;

import java.time.Duration;
import java.util.Objects;

/** Refused for now; the same request may succeed after {@link #retryAfter()}. */
public final class RetryLaterException extends DomainException {
    private final Duration retryAfter;

    public RetryLaterException(ErrorCode code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** Whole seconds, at least one: what a {@code Retry-After} header carries. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
