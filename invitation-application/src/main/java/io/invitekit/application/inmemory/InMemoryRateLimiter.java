package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Token buckets for one process: each key holds {@code permits}, refilled smoothly over
 * {@code period}. The bundled server uses Bucket4j; this one is for embedders' tests and needs
 * nothing but a clock.
 *
 * <p>A bucket is forgotten only once it has refilled completely, when it is indistinguishable
 * from a fresh one; a bucket that still holds a penalty is never dropped, however many keys
 * arrive. The map is swept whenever it has doubled since the last sweep (and at
 * {@value #FIRST_SWEEP} entries), so it never holds more than
 * {@code max(FIRST_SWEEP, 2 × the buckets that held a penalty at the last sweep)} entries, and a
 * sweep costs amortised O(1) per new key. Keys longer than {@value RateLimit#MAX_KEY_LENGTH} characters are
 * kept as their SHA-256, so one entry is a few hundred bytes whatever a caller sends.
 */
public final class InMemoryRateLimiter implements RateLimiter {
    static final int FIRST_SWEEP = 1024;

    /** {@code full}: when, without further hits, the bucket is back to {@code permits}. */
    private record Bucket(double tokens, Instant at, Instant full) {
    }

    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile int sweepAt = FIRST_SWEEP;

    public InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Duration> tryAcquire(RateLimit limit, String key) {
        Instant now = clock.instant();
        Duration[] wait = new Duration[1];
        buckets.compute(limit.bucketId(key), (k, bucket) -> {
            double tokens = refilled(bucket, limit, now);
            if (tokens >= 1) {
                wait[0] = null;
                return bucket(limit, tokens - 1, now);
            }
            wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) * nanosPerToken(limit)));
            return bucket(limit, tokens, now);
        });
        if (buckets.size() >= sweepAt) {
            sweep();
        }
        return Optional.ofNullable(wait[0]);
    }

    @Override
    public void release(RateLimit limit, String key) {
        Instant now = clock.instant();
        buckets.computeIfPresent(limit.bucketId(key),
                (k, bucket) -> bucket(limit, Math.min(limit.permits(), refilled(bucket, limit, now) + 1), now));
    }

    /** Forgets every bucket that has refilled completely by now; the others stay, untouched. */
    public void cleanUp() {
        Instant now = clock.instant();
        // removeIf on a ConcurrentHashMap removes an entry only if it still holds the value tested,
        // so a bucket hit meanwhile is kept.
        buckets.values().removeIf(bucket -> !bucket.full().isAfter(now));
    }

    /** How many buckets are held now (those refilled since the last sweep included). */
    public int size() {
        return buckets.size();
    }

    private void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return; // another thread is at it
        }
        try {
            cleanUp();
            sweepAt = Math.max(FIRST_SWEEP, 2 * buckets.size());
        } finally {
            sweeping.set(false);
        }
    }

    private static Bucket bucket(RateLimit limit, double tokens, Instant now) {
        long toFull = (long) Math.ceil((limit.permits() - tokens) * nanosPerToken(limit));
        return new Bucket(tokens, now, now.plusNanos(toFull));
    }

    private static double refilled(Bucket bucket, RateLimit limit, Instant now) {
        if (bucket == null) {
            return limit.permits();
        }
        if (!bucket.full().isAfter(now)) {
            return limit.permits();
        }
        long elapsed = Math.max(0, Duration.between(bucket.at(), now).toNanos());
        return Math.min(limit.permits(), bucket.tokens() + elapsed / nanosPerToken(limit));
    }

    private static double nanosPerToken(RateLimit limit) {
        return (double) limit.period().toNanos() / limit.permits();
    }

}
