package io.invitekit.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.bootstrap.process.ServerNode.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL that accepts connections but never answers (a proxy between the server and the
 * database turns into a black hole) while the server is under load: every call answers 503
 * {@code store_unavailable} within the stated bound, none hangs and none is a 500; readiness
 * says 503 too; the relay and the sweeper keep running; and once the database answers again the
 * same process serves again, without a restart.
 */
class DatabaseBlackHoleIT {
    /**
     * The bound README states: a call that reaches the database while it does not answer is
     * answered within 6 s (the pool's 5 s wait for a connection + 1 s to find an idle one dead,
     * or the driver's 6 s socket timeout on a statement already sent).
     */
    private static final Duration BOUND = Duration.ofSeconds(6);
    /** What a loaded 2-core machine may add to it. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    private static final Duration BLACK_HOLE = Duration.ofSeconds(20);
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final int WORKERS = 6;

    /** One call: when it started, how long it took, what came of it (status 0 = no HTTP answer). */
    record Call(Instant started, Instant ended, String operation, int status, String code) {
        long millis() {
            return Duration.between(started, ended).toMillis();
        }

        boolean succeeded() {
            return status > 0 && status < 400;
        }

        boolean within(Instant from, Instant to) {
            return !started.isBefore(from) && ended.isBefore(to);
        }
    }

    @Test
    void aDatabaseThatNeverAnswersIsA503WithinTheBoundAndTheSameProcessServesWhenItAnswersAgain() throws Exception {
        PostgresSchema.require();
        try (PostgresSchema schema = PostgresSchema.create("blackhole");
             TcpProxy database = new TcpProxy(PostgresSchema.host(), PostgresSchema.port(), Duration.ZERO)) {
            // Console sender: links are read from the log. Trusted proxy: many client addresses. Sweeper every second.
            Node node = Node.launch("blackhole", schema.urlThrough(database.port()), 0, Map.of(
                    "INVITEKIT_TRUSTED_PROXIES", "127.0.0.1", "INVITEKIT_SWEEP_INTERVAL_SECONDS", "1"));
            try (node) {
                node.awaitReady(DEADLINE);
                long pid = node.pid();
                Load load = new Load(node);
                load.prepare();
                node.call("POST", "/api/platform/tenant-invitations", load.admin, Map.of("email", "lapsing@blackhole.test"));

                load.start();
                Poll.until("the load runs with the database answering", DEADLINE, () -> load.successes() >= 30 ? true : null);
                Instant holeAt = Instant.now();
                database.blackHole();
                Poll.until(BLACK_HOLE + " of black hole, with 503s to every kind of call", DEADLINE, () ->
                        Duration.between(holeAt, Instant.now()).compareTo(BLACK_HOLE) >= 0
                                && load.operations().stream().allMatch(op -> load.seen(c -> c.started().isAfter(holeAt)
                                && c.operation().equals(op) && c.status() == 503)) ? true : null);
                // Meanwhile an invitation's time runs out (written straight to PostgreSQL, past the proxy).
                assertThat(schema.rows("UPDATE invitekit_tenant_invitations SET expires_at = now() - interval '1 minute', "
                        + "lapses_at = now() - interval '1 minute' WHERE email = 'lapsing@blackhole.test' RETURNING id"))
                        .hasSize(1);
                Instant answersAt = Instant.now();
                database.restore();
                Poll.until("ready again", DEADLINE, () ->
                        node.anonymous("GET", "/health/ready").status() == 200 ? true : null);
                Poll.until("every kind of call succeeds again", DEADLINE, () -> load.operations().stream()
                        .allMatch(op -> load.seen(c -> c.started().isAfter(answersAt) && c.operation().equals(op)
                                && c.succeeded())) ? true : null);
                List<Call> calls = load.stop();

                report(calls, holeAt, answersAt, database);
                assertThat(calls).as("every call got an HTTP answer").noneMatch(c -> c.status() == 0);
                assertThat(calls).as("no failure but 503").noneMatch(c -> c.status() >= 500 && c.status() != 503);
                assertThat(calls).filteredOn(c -> c.status() == 503)
                        .isNotEmpty().allSatisfy(c -> assertThat(c.code()).isEqualTo("store_unavailable"));
                assertThat(calls).filteredOn(c -> c.within(holeAt, answersAt))
                        .as("calls made and answered while the database did not answer").isNotEmpty()
                        .allSatisfy(c -> assertThat(c.status()).as(c.toString()).isEqualTo(503));
                assertThat(calls).as("every call answered within " + BOUND + " + " + SLACK)
                        .allSatisfy(c -> assertThat(c.millis()).as(c.toString()).isLessThanOrEqualTo(BOUND.plus(SLACK).toMillis()));

                // The background jobs did not wedge: they kept failing fast in the black hole, and work again.
                assertThat(count(node.log(), "outbox relay skipped: database unavailable")).isGreaterThanOrEqualTo(2);
                assertThat(count(node.log(), "expiry sweeper skipped: database unavailable")).isGreaterThanOrEqualTo(2);
                Reply invited = node.call("POST", "/api/platform/tenant-invitations", load.admin,
                        Map.of("email", "after@blackhole.test"));
                assertThat(invited.status()).as(invited.body()).isEqualTo(201);
                Poll.until("the relay sends an email made after the black hole", DEADLINE, () ->
                        node.log().contains("to after@blackhole.test") ? true : null);
                Poll.until("the sweeper expires the invitation that lapsed in the black hole", DEADLINE, () ->
                        schema.count("SELECT count(*) FROM invitekit_tenant_invitations WHERE email = 'lapsing@blackhole.test' "
                                + "AND status = 'EXPIRED'") == 1 ? true : null);

                assertThat(node.isAlive()).isTrue();
                assertThat(node.pid()).as("the same process: no restart").isEqualTo(pid);
                assertThat(node.log()).doesNotContain("unexpected failure");
            }
        }
    }

    private static void report(List<Call> calls, Instant holeAt, Instant answersAt, TcpProxy database) {
        List<Long> unavailable = calls.stream().filter(c -> c.status() == 503).map(Call::millis).sorted().toList();
        List<Long> inHole = calls.stream().filter(c -> c.within(holeAt, answersAt)).map(Call::millis).sorted().toList();
        System.out.printf("[black-hole] %d calls: %s%n", calls.size(), calls.stream().collect(Collectors.groupingBy(
                c -> c.operation() + " " + c.status() + (c.code() == null ? "" : " " + c.code()), TreeMap::new,
                Collectors.counting())));
        System.out.printf("[black-hole] 503 latencies (ms), %d calls: min %d, median %d, p95 %d, max %d%n",
                unavailable.size(), unavailable.get(0), percentile(unavailable, 50), percentile(unavailable, 95),
                unavailable.get(unavailable.size() - 1));
        System.out.printf("[black-hole] calls made and answered inside the black hole (ms), %d calls: median %d, p95 %d, "
                + "max %d; %d bytes swallowed%n", inHole.size(), percentile(inHole, 50), percentile(inHole, 95),
                inHole.get(inHole.size() - 1), database.swallowed());
        System.out.printf("[black-hole] first success %d ms after the database answered again%n", calls.stream()
                .filter(c -> c.started().isAfter(answersAt) && c.succeeded())
                .mapToLong(c -> Duration.between(answersAt, c.ended()).toMillis()).min().orElse(-1));
        System.out.printf("[black-hole] slowest calls: %s%n", calls.stream()
                .sorted(Comparator.comparingLong(Call::millis).reversed()).limit(5)
                .map(c -> c.operation() + " " + c.status() + " " + c.millis() + " ms, started "
                        + Duration.between(holeAt, c.started()).toMillis() + " ms after the black hole began")
                .toList());
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    /** Workers calling the node in turn: reads, writes, sign-ups, joins, readiness. */
    private static final class Load {
        private final Node node;
        private final List<String> users = new ArrayList<>();
        private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicInteger sequence = new AtomicInteger();
        private final ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        private final List<Future<?>> workers = new ArrayList<>();
        private String admin;
        private String code;

        Load(Node node) {
            this.node = node;
        }

        List<String> operations() {
            return List.of("me", "invite", "signup", "join", "ready");
        }

        void prepare() {
            admin = node.login(Node.ADMIN_EMAIL, Node.ADMIN_PASSWORD);
            for (int i = 0; i < WORKERS; i++) {
                users.add(node.call("POST", "/api/auth/signup", null, Map.of("email", "user-" + i + "@blackhole.test",
                        "password", "a decent password", "first_name", "Ada", "last_name", "Lovelace"),
                        Map.of("X-Forwarded-For", "10.4.0." + i)).text("access_token"));
            }
            String family = node.call("POST", "/api/tenants", users.get(0), Map.of("name", "The Black Holes")).text("id");
            code = node.call("GET", "/api/tenants/" + family + "/invite-code", users.get(0), null).text("code");
        }

        void start() {
            running.set(true);
            for (int w = 0; w < WORKERS; w++) {
                String user = users.get(w);
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        call(sequence.incrementAndGet(), user);
                    }
                }));
            }
        }

        private void call(int n, String user) {
            Map<String, String> client = Map.of("X-Forwarded-For", "10.5." + (n / 250 % 250) + "." + (n % 250));
            String operation = operations().get(n % operations().size());
            Instant started = Instant.now();
            Optional<Reply> reply = switch (operation) {
                case "me" -> node.tryCall("GET", "/api/me", user, null, client);
                case "invite" -> node.tryCall("POST", "/api/platform/tenant-invitations", admin,
                        Map.of("email", "load-" + n + "@blackhole.test"), client);
                case "signup" -> node.tryCall("POST", "/api/auth/signup", null, Map.of("email", "signup-" + n
                        + "@blackhole.test", "password", "a decent password", "first_name", "Sig", "last_name", "Nup"), client);
                case "join" -> node.tryCall("POST", "/api/join", user, Map.of("code", code), client);
                default -> node.tryCall("GET", "/health/ready", Node.ANONYMOUS, Node.NO_BODY, client);
            };
            calls.add(new Call(started, Instant.now(), operation, reply.map(Reply::status).orElse(0),
                    reply.map(Reply::code).orElse(null)));
        }

        int successes() {
            return (int) calls.stream().filter(Call::succeeded).count();
        }

        boolean seen(Predicate<Call> which) {
            return calls.stream().anyMatch(which);
        }

        List<Call> stop() throws Exception {
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            return List.copyOf(calls);
        }
    }
}
