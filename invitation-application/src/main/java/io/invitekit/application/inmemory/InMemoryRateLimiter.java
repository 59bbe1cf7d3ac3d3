package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Token buckets for one process: each key holds {@code permits}, refilled smoothly over
 * {@code period}. The bundled server uses Bucket4j; this one is for embedders' tests and needs
 * nothing but a clock.
 */
public final class InMemoryRateLimiter implements RateLimiter {
    private record Bucket(double tokens, Instant at) {
    }

    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Duration> tryAcquire(RateLimit limit, String key) {
        Instant now = clock.instant();
        Duration[] wait = new Duration[1];
        buckets.compute(limit.name() + '\u0000' + key, (k, bucket) -> {
            double tokens = refilled(bucket, limit, now);
            if (tokens >= 1) {
                wait[0] = null;
                return new Bucket(tokens - 1, now);
            }
            double nanosPerToken = (double) limit.period().toNanos() / limit.permits();
            wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken));
            return new Bucket(tokens, now);
        });
        return Optional.ofNullable(wait[0]);
    }

    @Override
    public void release(RateLimit limit, String key) {
        Instant now = clock.instant();
        buckets.computeIfPresent(limit.name() + '\u0000' + key,
                (k, bucket) -> new Bucket(Math.min(limit.permits(), refilled(bucket, limit, now) + 1), now));
    }

    private static double refilled(Bucket bucket, RateLimit limit, Instant now) {
        if (bucket == null) {
            return limit.permits();
        }
        long elapsed = Math.max(0, Duration.between(bucket.at(), now).toNanos());
        double refill = (double) elapsed * limit.permits() / limit.period().toNanos();
        return Math.min(limit.permits(), bucket.tokens() + refill);
    }
}
