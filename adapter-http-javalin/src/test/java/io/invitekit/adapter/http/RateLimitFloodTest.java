package io.invitekit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.ratelimit.Bucket4jRateLimiter;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.out.RateLimit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP API on the in-memory Bucket4j limiter, flooded with fresh keys. */
class RateLimitFloodTest {
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
                assertThat(send(api, "127.1.1." + i, "/api/auth/login", ApiServer.ANONYMOUS,
                        "{\"email\":\"flood" + i + "@example.org\",\"password\":\"wrong password\"}")).isEqualTo(401);
                assertThat(send(api, "127.1.2." + i, "/api/join", guesser, "{\"code\":\"" + code + "\"}")).isEqualTo(429);
                assertThat(send(api, "127.1.3." + i, "/api/platform/tenant-invitations/token/" + "A".repeat(43), ApiServer.ANONYMOUS,
                        ApiServer.NO_BODY))
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
