package io.invitekit.adapter.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.caffeine.CaffeineProxyManager;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.RateLimiter;
import io.invitekit.application.port.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The rate limiter port on Bucket4j in this process's memory: token buckets that refill smoothly,
 * right for one node. (Several nodes share their buckets through PostgreSQL instead, with
 * adapter-jdbi's {@code PostgresRateLimiter}.)
 *
 * <p>The buckets live in a Caffeine cache that drops a bucket only once it has
 * refilled completely (its state then equals a fresh bucket's; Bucket4j's
 * {@code basedOnTimeForRefillingBucketUpToMax}, plus a second). A bucket that still holds a
 * penalty is never dropped, however many keys arrive; each bucket lives at most its limit's
 * period after its last hit, so the live buckets are at most the keys hit within the last period
 * of their limit. Keys longer than {@value RateLimit#MAX_KEY_LENGTH} characters are kept as their SHA-256,
 * so one bucket's size does not depend on what a caller sends.
 */
public final class Bucket4jRateLimiter implements RateLimiter {
    /** Past full refill: the expiry strategy rounds the time to refill down to milliseconds. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(1);

    private final ProxyManager<String> proxies;
    private final Cache<String, ?> memory;
    private final ConcurrentMap<RateLimit, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    private Bucket4jRateLimiter(CaffeineProxyManager<String> proxies) {
        this.proxies = proxies;
        this.memory = proxies.getCache();
    }

    /** Buckets in this process: right for one node. */
    public static Bucket4jRateLimiter inMemory() {
        return inMemory(Clock.systemUTC());
    }

    /**
     * Buckets in this process, refilled and expired by {@code clock}: one clock for both, so that a
     * bucket leaves memory exactly when, by its own time, it has refilled.
     */
    public static Bucket4jRateLimiter inMemory(Clock clock) {
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos(clock.instant());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        CaffeineProxyManager<String> proxies = Bucket4jCaffeine.<String>builderFor(
                        Caffeine.newBuilder().ticker(time::currentTimeNanos))
                .clientClock(time)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .build();
        return new Bucket4jRateLimiter(proxies);
    }

    @Override
    public Optional<Duration> tryAcquire(RateLimit limit, String key) {
        try {
            ConsumptionProbe probe = bucket(limit, key).tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        } catch (RuntimeException storeFailure) {
            throw translate(storeFailure);
        }
    }

    @Override
    public void release(RateLimit limit, String key) {
        try {
            bucket(limit, key).addTokens(1);
        } catch (RuntimeException storeFailure) {
            throw translate(storeFailure);
        }
    }

    /**
     * Drops every bucket that has refilled by now and says how many are left: the keys that still
     * hold a penalty, or were hit within their limit's last period. For tests and monitoring; the
     * cache also drops them by itself as it is used.
     */
    public long liveBuckets() {
        long before;
        do { // one clean-up expires at most 1,000 entries (Caffeine 3.3), and hands the rest to its executor
            before = memory.estimatedSize();
            memory.cleanUp();
        } while (memory.estimatedSize() < before);
        return memory.estimatedSize();
    }

    private Bucket bucket(RateLimit limit, String key) {
        BucketConfiguration configuration = configurations.computeIfAbsent(limit, l -> BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(l.permits()).refillGreedy(l.permits(), l.period()).build())
                .build());
        return proxies.builder().build(limit.bucketId(key), () -> configuration);
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    private static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof StoreUnavailableException) {
            return failure;
        }
        return new StoreUnavailableException("rate limit store failed: " + failure.getClass().getSimpleName(), failure);
    }
}
