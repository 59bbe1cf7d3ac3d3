package io.invitekit.adapter.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.testing.Poll;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.application.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared limiter on a real PostgreSQL: one allowance for every node, and a table that does not keep refilled buckets. */
class PostgresRateLimiterTest {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final RateLimit fivePerMinute = new RateLimit("test", 5, Duration.ofMinutes(1));
    private final RateLimit fivePerHour = new RateLimit("hourly", 5, Duration.ofHours(1));

    /** A limiter as one node of several builds it. */
    private static PostgresRateLimiter node() {
        return PostgresRateLimiter.create(DATABASE.dataSource(), TablePrefix.DEFAULT);
    }

    @Test
    void everyNodeTakesFromTheSameBuckets() {
        PostgresRateLimiter a = node();
        PostgresRateLimiter b = node();
        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? a : b).tryAcquire(fivePerMinute, "k")).as("permit %d", i + 1).isEmpty();
        }
        Optional<Duration> refused = b.tryAcquire(fivePerMinute, "k");
        assertThat(refused).as("the sixth, on either node").isPresent();
        assertThat(refused.get()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12));
        assertThat(a.tryAcquire(fivePerMinute, "other")).as("another key, another bucket").isEmpty();

        b.release(fivePerMinute, "k");
        assertThat(a.tryAcquire(fivePerMinute, "k")).as("the permit given back on the other node").isEmpty();
        assertThat(a.tryAcquire(fivePerMinute, "k")).isPresent();
        assertThat(DATABASE.count("SELECT count(*) FROM invitekit_bucket")).isEqualTo(2);
    }

    @Test
    void longKeysAreKeptApartButStoredShort() {
        PostgresRateLimiter limiter = node();
        String prefix = "x".repeat(10_000);
        RateLimit once = new RateLimit("once", 1, Duration.ofHours(1));
        assertThat(limiter.tryAcquire(once, prefix + "1")).isEmpty();
        assertThat(limiter.tryAcquire(once, prefix + "2")).as("a different key, a different bucket").isEmpty();
        assertThat(limiter.tryAcquire(once, prefix + "1")).isPresent();
        assertThat(DATABASE.count("SELECT count(*) FROM invitekit_bucket WHERE length(id) <= 255")).isEqualTo(2);
    }

    @Test
    void aBucketThatHasRefilledIsRemovedAndOneThatHoldsAPenaltyIsKept() throws Exception {
        PostgresRateLimiter limiter = node();
        RateLimit brief = new RateLimit("brief", 1, Duration.ofMillis(200));
        long written = System.currentTimeMillis();
        assertThat(limiter.tryAcquire(brief, "gone")).as("its only permit").isEmpty();
        assertThat(limiter.tryAcquire(fivePerHour, "kept")).isEmpty();

        assertThat(expiresAt("brief:gone")).as("refilled 200 ms after its write, kept a second more")
                .isGreaterThanOrEqualTo(written + 1_199);
        assertThat(expiresAt("hourly:kept") - expiresAt("brief:gone"))
                .as("one permit of five an hour takes 12 minutes to come back").isGreaterThan(Duration.ofMinutes(11).toMillis());

        int removed = Poll.until("the brief bucket expires", DEADLINE, () -> {
            int now = limiter.removeExpired(100);
            return now == 0 ? null : now;
        });
        assertThat(removed).isEqualTo(1);
        assertThat(DATABASE.count("SELECT count(*) FROM invitekit_bucket WHERE id = ?", "brief:gone")).isZero();
        assertThat(DATABASE.count("SELECT count(*) FROM invitekit_bucket WHERE id = ?", "hourly:kept")).isOne();
        assertThat(limiter.removeExpired(100)).isZero();

        assertThat(limiter.tryAcquire(brief, "gone")).as("a removed bucket is a full one").isEmpty();
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryAcquire(fivePerHour, "kept")).as("the kept bucket remembers its first hit").isEmpty();
        }
        assertThat(limiter.tryAcquire(fivePerHour, "kept")).isPresent();
    }

    @Test
    void expiredBucketsGoInBatchesAndLiveOnesStay() {
        PostgresRateLimiter limiter = node();
        assertThat(limiter.tryAcquire(fivePerHour, "kept")).isEmpty();
        DATABASE.jdbi().useHandle(h -> h.execute("INSERT INTO invitekit_bucket (id, state, expires_at)"
                + " SELECT 'old:' || g, state, 1 FROM invitekit_bucket, generate_series(1, 25) g WHERE id = ?", "hourly:kept"));

        assertThat(List.of(limiter.removeExpired(10), limiter.removeExpired(10), limiter.removeExpired(10),
                limiter.removeExpired(10))).containsExactly(10, 10, 5, 0);
        assertThat(DATABASE.count("SELECT count(*) FROM invitekit_bucket")).isOne();
        assertThatThrownBy(() -> limiter.removeExpired(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTableIsThePrefixs() {
        PostgresRateLimiter elsewhere = PostgresRateLimiter.create(DATABASE.dataSource(), TablePrefix.of("nowhere_"));
        assertThatThrownBy(() -> elsewhere.tryAcquire(fivePerMinute, "k")).as("nowhere_bucket does not exist")
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(node().tryAcquire(fivePerMinute, "k")).isEmpty();
        assertThat(DATABASE.count("SELECT count(*) FROM invitekit_bucket")).isOne();
    }

    @Test
    void aDatabaseThatCannotBeReachedIsAStoreFailure() {
        HikariDataSource closed = Databases.pool(DatabaseSettings.of(DATABASE.url()));
        closed.close();
        PostgresRateLimiter limiter = PostgresRateLimiter.create(closed, TablePrefix.DEFAULT);
        assertThatThrownBy(() -> limiter.tryAcquire(fivePerMinute, "k")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> limiter.release(fivePerMinute, "k")).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> limiter.removeExpired(10)).isInstanceOf(StoreUnavailableException.class);
    }

    private static long expiresAt(String id) {
        return DATABASE.jdbi().withHandle(h -> h.createQuery("SELECT expires_at FROM invitekit_bucket WHERE id = :id")
                .bind("id", id).mapTo(Long.class).one());
    }
}
