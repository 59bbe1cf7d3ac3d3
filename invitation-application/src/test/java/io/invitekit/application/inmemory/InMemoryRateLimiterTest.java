package io.invitekit.application.inmemory;

import static io.invitekit.application.TestKit.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.JoinWithCode;
import io.invitekit.application.port.out.RateLimit;
import io.invitekit.domain.shared.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {
    private final ManualClock clock = new ManualClock(TestKit.START);
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
    private final RateLimit fivePerMinute = new RateLimit("test", 5, Duration.ofMinutes(1));

    @Test
    void aBucketIsForgottenOnlyOnceItHasRefilledCompletely() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(fivePerMinute, "a")).isEmpty();
        }
        assertThat(limiter.tryAcquire(fivePerMinute, "b")).isEmpty();
        assertThat(limiter.tryAcquire(fivePerMinute, "a")).contains(Duration.ofSeconds(12));

        clock.advance(Duration.ofSeconds(12));
        limiter.cleanUp();
        assertThat(limiter.size()).as("b has one token back, its whole allowance: gone; a is still short").isEqualTo(1);

        clock.advance(Duration.ofSeconds(47));
        limiter.cleanUp();
        assertThat(limiter.size()).as("a is one second short of full").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        limiter.cleanUp();
        assertThat(limiter.size()).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(fivePerMinute, "a")).as("a forgotten bucket is a full one").isEmpty();
        }
        assertThat(limiter.tryAcquire(fivePerMinute, "a")).isPresent();
    }

    @Test
    void aPermitGivenBackThatFillsTheBucketLetsItGo() {
        assertThat(limiter.tryAcquire(fivePerMinute, "a")).isEmpty();
        limiter.cleanUp();
        assertThat(limiter.size()).isEqualTo(1);

        limiter.release(fivePerMinute, "a");
        limiter.cleanUp();
        assertThat(limiter.size()).isZero();
    }

    @Test
    void longKeysAreKeptApartButStoredShort() {
        String prefix = "x".repeat(10_000);
        RateLimit once = new RateLimit("once", 1, Duration.ofHours(1));
        assertThat(limiter.tryAcquire(once, prefix + "1")).isEmpty();
        assertThat(limiter.tryAcquire(once, prefix + "2")).as("a different key, a different bucket").isEmpty();
        assertThat(limiter.tryAcquire(once, prefix + "1")).isPresent();
        assertThat(limiter.size()).isEqualTo(2);
    }

    /**
     * The flood that used to lift a lockout: an account locked out of joining stays locked through
     * 200,000 hits with fresh keys, while the limiter holds no more than the buckets that still
     * carry a penalty (and at most twice that between sweeps).
     */
    @Test
    void aFloodOfFreshKeysNeitherLiftsALockoutNorGrowsWithoutBound() {
        TestKit t = new TestKit();
        InMemoryRateLimiter shared = t.limiter;
        InvitekitSettings s = t.kit.settings();
        Actor owner = t.newUser();
        String code = t.kit.joinCodes().view(owner, t.family(owner, "The Smiths").id()).code();
        Actor guesser = t.newUser();
        for (int i = 0; i < s.joinFailuresPerAccount(); i++) {
            refused(ErrorCode.INVALID_CODE, () -> t.kit.joinCodes().join(guesser, JoinWithCode.code("ZZZZ-ZZZZ").from("127.0.0.1")));
        }
        refused(ErrorCode.RATE_LIMITED, () -> t.kit.joinCodes().join(guesser, JoinWithCode.code(code).from("127.0.0.1")));

        RateLimit perAddress = new RateLimit("join_failures_address", s.joinFailuresPerAddress(), s.joinFailuresAddressPeriod());
        Duration step = Duration.ofMillis(10);             // 100 hits a second, 2,000 s in all
        Duration oneToken = perAddress.period().dividedBy(perAddress.permits()); // a flood bucket's life: 2 min
        long penaltyWindow = oneToken.toNanos() / step.toNanos();                  // 12,000 buckets at most
        int hits = 200_000;
        int largest = 0;
        for (int i = 0; i < hits; i++) {
            t.clock.advance(step);
            shared.tryAcquire(perAddress, loopback(i));
            largest = Math.max(largest, shared.size());
        }
        refused(ErrorCode.RATE_LIMITED, () -> t.kit.joinCodes().join(guesser, JoinWithCode.code(code).from("127.0.0.2")));

        long bound = penaltyWindow + 2; // the flood's unrefilled buckets, the guesser's and its address's
        assertThat((long) largest).as("between sweeps: at most twice the penalised buckets")
                .isLessThanOrEqualTo(Math.max(InMemoryRateLimiter.FIRST_SWEEP, 2 * bound));
        shared.cleanUp();
        int afterFlood = shared.size();
        assertThat((long) afterFlood).isLessThanOrEqualTo(bound).isGreaterThanOrEqualTo(penaltyWindow - 1);

        t.clock.advance(oneToken);
        shared.cleanUp();
        assertThat(shared.size()).as("only the guesser's account bucket still holds a penalty").isEqualTo(1);
        refused(ErrorCode.RATE_LIMITED, () -> t.kit.joinCodes().join(guesser, JoinWithCode.code(code).from("127.0.0.3")));
        System.out.printf("InMemoryRateLimiter flood: %d hits over %s; largest map %d; after clean-up %d (bound %d);"
                + " %s later %d%n", hits, step.multipliedBy(hits), largest, afterFlood, bound, oneToken, shared.size());
    }

    /** Sweeps run while other threads hit a hot key: a bucket that holds a penalty is never dropped. */
    @Test
    void concurrentSweepsNeverDropABucketThatHoldsAPenalty() throws Exception {
        RateLimit hot = new RateLimit("hot", 10_000, Duration.ofHours(1));
        int threads = 4;
        int rounds = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
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
                        limiter.release(fivePerMinute, fresh); // full again: the next sweep drops it
                    }
                    return mine;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get(2, TimeUnit.MINUTES);
            }
            assertThat(total).as("the clock stands still: exactly the hot bucket's permits").isEqualTo(10_000);
            assertThat(limiter.size()).as("the sweeps kept up").isLessThan(threads * rounds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** 127.0.0.1 is the guesser's; the flood comes from 127.0.1.0 on. */
    private static String loopback(int i) {
        int n = i + 256;
        return "127." + ((n >> 16) & 0xFF) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
    }
}
