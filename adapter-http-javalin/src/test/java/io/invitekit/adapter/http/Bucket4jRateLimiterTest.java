package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.port.out.RateLimit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * The flood that used to lift a lockout. An account is locked out of joining over HTTP; then
     * requests from 1,000 loopback addresses (real sockets) and 200,000 limiter hits with fresh
     * loopback keys (on the server's limiter, 10 ms apart on its clock) leave it locked, while the
     * live buckets never exceed those that were there plus the flood's hits within each limit's
     * bucket lifetime.
     */
    @Test
    void aFloodOfFreshKeysNeitherLiftsALockoutNorGrowsWithoutBound() throws IOException {
        Bucket4jRateLimiter[] made = new Bucket4jRateLimiter[1];
        try (ApiServer api = ApiServer.withLimiter(clock -> made[0] = Bucket4jRateLimiter.inMemory(clock))) {
            Bucket4jRateLimiter shared = made[0];
            InvitekitSettings app = api.kit.settings();
            String owner = api.newUserToken();
            String family = api.post("/api/tenants", owner, Map.of("name", "The Smiths")).json().path("id").asText();
            String code = api.get("/api/tenants/" + family + "/invite-code", owner).json().path("code").asText();
            String guesser = api.newUserToken();
            int wrong = 0;
            while (api.post("/api/join", guesser, Map.of("code", "ZZZZ-ZZZZ")).status() == 404 && wrong < 100) {
                wrong++;
            }
            assertThat(wrong).isEqualTo(app.joinFailuresPerAccount());
            assertThat(api.post("/api/join", guesser, Map.of("code", code)).status()).isEqualTo(429);

            // Real requests from 1,000 loopback addresses: 250 each of four kinds.
            long before = shared.liveBuckets();
            for (int i = 0; i < 250; i++) {
                assertThat(send(api, "127.1.0." + i, "/api/auth/login", null,
                        "{\"email\":\"flood" + i + "@example.org\",\"password\":\"\"}")).isEqualTo(422);
            }
            assertThat(shared.liveBuckets()).as("a log-in that could never succeed creates no bucket").isEqualTo(before);
            for (int i = 0; i < 250; i++) {
                assertThat(send(api, "127.1.1." + i, "/api/auth/login", null,
                        "{\"email\":\"flood" + i + "@example.org\",\"password\":\"wrong password\"}")).isEqualTo(401);
                assertThat(send(api, "127.1.2." + i, "/api/join", guesser, "{\"code\":\"" + code + "\"}")).isEqualTo(429);
                assertThat(send(api, "127.1.3." + i, "/api/platform/tenant-invitations/token/" + "A".repeat(43), null, null))
                        .isEqualTo(404);
            }
            assertThat(shared.liveBuckets()).as("per address and email for a log-in, per address for a link")
                    .isEqualTo(before + 250 * 3);

            // 200,000 hits with fresh keys, round robin over the limits the server takes.
            io.invitekit.application.config.RateLimits http = io.invitekit.application.config.RateLimits.defaults();
            List<RateLimit> limits = List.of(http.loginPerAddress(), http.loginPerEmail(), http.signupPerAddress(),
                    http.linkPerAddress(),
                    new RateLimit("join_failures_address", app.joinFailuresPerAddress(), app.joinFailuresAddressPeriod()));
            Duration step = Duration.ofMillis(10);
            Duration resolution = Duration.ofNanos(1L << 30); // Caffeine's timer wheel expires up to ~1.07 s late
            long penalised = 0; // the flood's buckets that still hold a penalty at any moment
            long floodBound = 0; // those, and the ones that refilled less than the resolution ago
            Duration longest = Duration.ZERO;
            for (RateLimit limit : limits) {
                Duration life = limit.period().dividedBy(limit.permits()).plusSeconds(1); // one token short, + the second kept
                long every = step.multipliedBy(limits.size()).toNanos(); // this limit's share of the hits
                penalised += limit.period().dividedBy(limit.permits()).toNanos() / every;
                floodBound += life.plus(resolution).toNanos() / every + 1;
                longest = longest.compareTo(life.plus(resolution)) > 0 ? longest : life.plus(resolution);
            }
            long bound = shared.liveBuckets() + floodBound;
            int hits = 200_000;
            long largest = 0;
            for (int i = 0; i < hits; i++) {
                api.clock.advance(step);
                int n = i + (2 << 16);
                shared.tryAcquire(limits.get(i % limits.size()), "127." + (n >> 16) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF));
                if (i % 10_000 == 9_999) {
                    long live = shared.liveBuckets();
                    assertThat(live).as("after %d hits", i + 1).isLessThanOrEqualTo(bound);
                    largest = Math.max(largest, live);
                }
            }
            long afterFlood = shared.liveBuckets();
            assertThat(afterFlood).as("the flood's buckets that still hold a penalty are all kept")
                    .isGreaterThanOrEqualTo(penalised).isLessThanOrEqualTo(bound);
            assertThat(send(api, "127.9.9.9", "/api/join", guesser, "{\"code\":\"" + code + "\"}")).isEqualTo(429);
            assertThat(api.post("/api/join", guesser, Map.of("code", code)).status()).isEqualTo(429);

            api.clock.advance(longest);
            assertThat(shared.liveBuckets()).as("only the guesser's account bucket still holds a penalty").isEqualTo(1);
            assertThat(api.post("/api/join", guesser, Map.of("code", code)).status()).isEqualTo(429);
            System.out.printf("Bucket4jRateLimiter flood: 1,000 requests from loopback addresses, then %d hits over %s;"
                    + " largest sample %d, after the flood %d (holding a penalty: %d; bound %d); %s later %d%n",
                    hits, step.multipliedBy(hits), largest, afterFlood, penalised, bound, longest, shared.liveBuckets());
        }
    }

    /** One request on its own connection from {@code from} (any 127.x.y.z: Linux routes them all to lo). */
    private static int send(ApiServer api, String from, String path, String token, String json) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", api.app.port()), 10_000);
            socket.setSoTimeout(30_000);
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            String head = (json == null ? "GET " : "POST ") + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
