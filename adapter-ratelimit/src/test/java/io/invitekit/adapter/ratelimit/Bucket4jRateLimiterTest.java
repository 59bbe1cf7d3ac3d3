package io.invitekit.adapter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.port.out.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-memory Bucket4j limiter keeps every bucket that holds a penalty, and only those. */
class Bucket4jRateLimiterTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T09:00:00Z"));
    private final Bucket4jRateLimiter limiter = Bucket4jRateLimiter.inMemory(clock);
    private final RateLimit fivePerMinute = new RateLimit("test", 5, Duration.ofMinutes(1));

    @Test
    void aBucketIsForgottenOnlyOnceItHasRefilledCompletely() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(fivePerMinute, "a")).isEmpty();
        }
        assertThat(limiter.tryAcquire(fivePerMinute, "b")).isEmpty();
        assertThat(limiter.tryAcquire(fivePerMinute, "a")).contains(Duration.ofSeconds(12));

        clock.advance(Duration.ofSeconds(13)); // b refilled 12 s after its hit, and is kept a second more
        assertThat(limiter.liveBuckets()).as("b is full again: gone; a is still short").isEqualTo(1);

        clock.advance(Duration.ofSeconds(46)); // a is one second short of full
        assertThat(limiter.liveBuckets()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(limiter.liveBuckets()).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(fivePerMinute, "a")).as("a forgotten bucket is a full one").isEmpty();
        }
        assertThat(limiter.tryAcquire(fivePerMinute, "a")).isPresent();
    }

    @Test
    void aPermitGivenBackThatFillsTheBucketLetsItGo() {
        assertThat(limiter.tryAcquire(fivePerMinute, "a")).isEmpty();
        limiter.release(fivePerMinute, "a");
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.liveBuckets()).isZero();
    }

    @Test
    void longKeysAreKeptApartButStoredShort() {
        String prefix = "x".repeat(10_000);
        RateLimit once = new RateLimit("once", 1, Duration.ofHours(1));
        assertThat(limiter.tryAcquire(once, prefix + "1")).isEmpty();
        assertThat(limiter.tryAcquire(once, prefix + "2")).as("a different key, a different bucket").isEmpty();
        assertThat(limiter.tryAcquire(once, prefix + "1")).isPresent();
        assertThat(limiter.liveBuckets()).isEqualTo(2);
    }

    /** Clean-ups run while other threads hit a hot key: a bucket that holds a penalty is never dropped. */
    @Test
    void concurrentCleanUpsNeverDropABucketThatHoldsAPenalty() throws Exception {
        RateLimit hot = new RateLimit("hot", 10_000, Duration.ofHours(1_000)); // a permit every 6 minutes
        int threads = 4;
        int rounds = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> granted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                granted.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (int i = 0; i < rounds; i++) {
                        if (limiter.tryAcquire(hot, "hot").isEmpty()) {
                            mine++;
                        }
                        String fresh = thread + "/" + i;
                        limiter.tryAcquire(fivePerMinute, fresh);
                        limiter.release(fivePerMinute, fresh); // full again: expires a second later
                        if (i % 1_000 == 999) {
                            clock.advance(Duration.ofMillis(1_100)); // 88 s in all: less than one hot permit
                        }
                    }
                    return mine;
                }));
            }
            Future<?> cleaner = pool.submit(() -> {
                start.await();
                while (granted.stream().anyMatch(f -> !f.isDone())) {
                    limiter.liveBuckets();
                }
                return null;
            });
            start.countDown();
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get(2, TimeUnit.MINUTES);
            }
            cleaner.get(2, TimeUnit.MINUTES);
            assertThat(total).as("88 s passed: exactly the hot bucket's permits").isEqualTo(10_000);
            assertThat(limiter.liveBuckets()).as("the refilled buckets went").isLessThan(threads * rounds / 10);
        } finally {
            pool.shutdownNow();
        }
    }
}
