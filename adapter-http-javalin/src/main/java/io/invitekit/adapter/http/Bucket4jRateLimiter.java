package io.invitekit.adapter.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.RateLimiter;
import io.invitekit.application.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * The rate limiter port on Bucket4j: token buckets that refill smoothly, in this process's
 * memory or shared by every node through a PostgreSQL table.
 */
public final class Bucket4jRateLimiter implements RateLimiter {
    private static final int MAX_LOCAL_KEYS = 100_000;

    private final ConcurrentMap<String, Bucket> local;   // in memory, or
    private final ProxyManager<String> proxies;          // shared through PostgreSQL
    private final ConcurrentMap<RateLimit, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    private Bucket4jRateLimiter(ConcurrentMap<String, Bucket> local, ProxyManager<String> proxies) {
        this.local = local;
        this.proxies = proxies;
    }

    /** Buckets in this process: right for one node. */
    public static Bucket4jRateLimiter inMemory() {
        return new Bucket4jRateLimiter(new ConcurrentHashMap<>(), null);
    }

    /** Buckets in a PostgreSQL table (id text primary key, state bytea): shared by every node. */
    public static Bucket4jRateLimiter postgres(DataSource dataSource, String table) {
        ProxyManager<String> proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(table)
                .build();
        return new Bucket4jRateLimiter(null, proxies);
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

    private Bucket bucket(RateLimit limit, String key) {
        String id = limit.name() + ":" + key;
        BucketConfiguration configuration = configurations.computeIfAbsent(limit, l -> BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(l.permits()).refillGreedy(l.permits(), l.period()).build())
                .build());
        if (proxies != null) {
            return proxies.builder().build(id, () -> configuration);
        }
        if (local.size() > MAX_LOCAL_KEYS) {
            local.clear(); // a flood of distinct keys must not exhaust memory; limits restart, briefly
        }
        return local.computeIfAbsent(id, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
    }

    private static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof StoreUnavailableException) {
            return failure;
        }
        return new StoreUnavailableException("rate limit store failed: " + failure.getClass().getSimpleName(), failure);
    }
}
