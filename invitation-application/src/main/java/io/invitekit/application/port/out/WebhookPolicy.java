package io.invitekit.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How webhook deliveries are retried and when an endpoint counts as failing or is turned off.
 *
 * @param retryDelays the waits after each failed attempt (Standard Webhooks' schedule by default:
 *        5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); one attempt more than delays, then FAILED
 * @param failingAfter consecutive failed attempts that mark an endpoint FAILING
 * @param disableAfter how long an endpoint may fail without one success before it is DISABLED
 * @param disableAfterFailures consecutive failed attempts that disable it, however quick
 * @param previousSecretGrace how long a rotated-out secret still signs beside the new one
 * @param lease how long a claimed delivery is this node's alone
 * @param batchSize deliveries claimed per step
 */
public record WebhookPolicy(List<Duration> retryDelays, int failingAfter, Duration disableAfter,
                            int disableAfterFailures, Duration previousSecretGrace, Duration lease, int batchSize) {
    public WebhookPolicy {
        retryDelays = List.copyOf(retryDelays);
        Objects.requireNonNull(disableAfter, "disableAfter");
        Objects.requireNonNull(previousSecretGrace, "previousSecretGrace");
        Objects.requireNonNull(lease, "lease");
        if (retryDelays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("webhook retry delays are positive");
        }
        if (failingAfter < 1 || disableAfterFailures < failingAfter || disableAfter.isNegative() || disableAfter.isZero()
                || previousSecretGrace.isNegative() || lease.isNegative() || lease.isZero() || batchSize < 1) {
            throw new IllegalArgumentException("webhook policy: failingAfter >= 1, disableAfterFailures >= failingAfter, "
                    + "positive durations and batch size");
        }
    }

    public static WebhookPolicy defaults() {
        return new WebhookPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)),
                5, Duration.ofDays(5), 100, Duration.ofHours(24), Duration.ofMinutes(2), 50);
    }

    /** Attempts a delivery gets in all: the first one and one per retry delay. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /** When to try again after {@code attemptsMade} failed attempts; null when that was the last. */
    public Instant nextAttempt(int attemptsMade, Instant now) {
        if (attemptsMade < 1 || attemptsMade > retryDelays.size()) {
            return null;
        }
        return now.plus(retryDelays.get(attemptsMade - 1));
    }

    public WebhookPolicy withRetryDelays(List<Duration> delays) {
        return new WebhookPolicy(delays, failingAfter, disableAfter, disableAfterFailures, previousSecretGrace, lease,
                batchSize);
    }
}
