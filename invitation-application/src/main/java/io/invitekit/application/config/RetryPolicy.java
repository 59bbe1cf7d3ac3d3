package io.invitekit.application.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** When a failed email is tried again: exponential backoff with a cap, then give up. */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, int maxAttempts) {
    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("a retry policy waits a positive, capped time and tries at least once");
        }
    }

    /** About 30 s, doubling, at most 1 h between tries, 10 attempts. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(30), Duration.ofHours(1), 10);
    }

    /**
     * When to try again after {@code attemptsMade} failed attempts, or null when that was the
     * last one allowed.
     */
    public Instant nextAttempt(int attemptsMade, Instant now) {
        if (attemptsMade >= maxAttempts) {
            return null;
        }
        return now.plus(delayAfter(attemptsMade));
    }

    public Duration delayAfter(int attemptsMade) {
        int doublings = Math.max(0, attemptsMade - 1);
        if (doublings >= 30) {
            return maxDelay;
        }
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
