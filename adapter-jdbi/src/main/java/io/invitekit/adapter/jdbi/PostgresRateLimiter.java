package io.invitekit.adapter.jdbi;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.RateLimiter;
import io.invitekit.application.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * The rate limiter port on PostgreSQL: Bucket4j's token buckets in the {@code {prefix}bucket}
 * table that the migrations create, shared by every node on the database (each check locks its
 * bucket's row for one short transaction). Not for H2.
 *
 * <p>Each write stamps the row's {@code expires_at} with the moment its bucket will have refilled
 * completely, plus a second (Bucket4j's {@code basedOnTimeForRefillingBucketUpToMax}): from then
 * on the row says no more than a fresh bucket would, and {@link #removeExpired} deletes it. A
 * bucket that still holds a penalty is never removed. Keys longer than
 * {@value RateLimit#MAX_KEY_LENGTH} characters are kept as their SHA-256.
 *
 * <pre>{@code
 * PostgresRateLimiter limiter = PostgresRateLimiter.create(dataSource, TablePrefix.DEFAULT);
 * // now and then, on any node:
 * while (limiter.removeExpired(1_000) == 1_000) { }
 * }</pre>
 *
 * <p>Failures leave as {@link StoreUnavailableException}.
 */
public final class PostgresRateLimiter implements RateLimiter {
    /**
     * Past full refill: the expiry rounds the time to refill down to milliseconds, and it is stamped
     * and compared on the clocks of the nodes that write and remove.
     */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(1);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;
    private final ConcurrentMap<RateLimit, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    private PostgresRateLimiter(PostgreSQLSelectForUpdateBasedProxyManager<String> proxies) {
        this.proxies = proxies;
    }

    /** Buckets in {@code prefix}'s {@code bucket} table, migrated by {@link JdbiStorage#migrate(DataSource, TablePrefix)}. */
    public static PostgresRateLimiter create(DataSource dataSource, TablePrefix prefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new PostgresRateLimiter(Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(prefix.table("bucket"))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .build());
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
     * Deletes at most {@code batchSize} buckets that have refilled completely, in one short
     * statement that skips rows other nodes have locked, and says how many it deleted: call it
     * again while it deletes a whole batch.
     *
     * @throws IllegalArgumentException when {@code batchSize} is not positive
     */
    public int removeExpired(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one bucket: " + batchSize);
        }
        try {
            return proxies.removeExpired(batchSize);
        } catch (RuntimeException storeFailure) {
            throw translate(storeFailure);
        }
    }

    private Bucket bucket(RateLimit limit, String key) {
        BucketConfiguration configuration = configurations.computeIfAbsent(limit, l -> BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(l.permits()).refillGreedy(l.permits(), l.period()).build())
                .build());
        return proxies.builder().build(limit.bucketId(key), () -> configuration);
    }

    private static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof StoreUnavailableException) {
            return failure;
        }
        return new StoreUnavailableException("rate limit store failed: " + failure.getClass().getSimpleName(), failure);
    }
}
