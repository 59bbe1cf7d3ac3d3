package io.invitekit.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.bootstrap.process.ServerNode.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL unreachable for 10 s while two nodes are under load (a proxy between them and the
 * database is cut): calls answer 503, never 500; nothing half-done is left; the nodes serve again
 * when the database is back, without a restart.
 */
class DatabaseOutageIT {
    private static final Pattern LINK = Pattern.compile("to (\\S+), subject .*#token=([A-Za-z0-9_-]{43})");
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final int WORKERS = 6; // with the owner, as many as a FREE family holds
    private static final int TOKENS = 60;

    /** One call and what came of it; status 0 = no HTTP answer at all. */
    record Outcome(Instant at, String operation, Node node, int status, String code) {
    }

    @Test
    void callsAnswer503DuringTheOutageLeaveNothingHalfDoneAndWorkAgainAfterIt() throws Exception {
        PostgresSchema.require();
        try (PostgresSchema schema = PostgresSchema.create("outage");
             TcpProxy database = new TcpProxy(PostgresSchema.host(), PostgresSchema.port(), Duration.ZERO)) {
            // Console sender (no SMTP): the links are read from the nodes' logs. Trusted proxy: many client addresses.
            Map<String, String> env = Map.of("INVITEKIT_TRUSTED_PROXIES", "127.0.0.1");
            Node a = Node.launch("a", schema.urlThrough(database.port()), 0, env);
            Node b = Node.launch("b", schema.urlThrough(database.port()), 0, env);
            try (a; b) {
                a.awaitReady(DEADLINE);
                b.awaitReady(DEADLINE);
                long pidA = a.pid();
                long pidB = b.pid();
                Load load = new Load(a, b);
                load.prepare();

                load.start();
                Poll.until("the load runs with the database up", DEADLINE, () -> load.successes() >= 40 ? true : null);
                Instant cutAt = Instant.now();
                database.cut();
                Poll.until(OUTAGE + " of outage, with 503s from both nodes", DEADLINE, () ->
                        Duration.between(cutAt, Instant.now()).compareTo(OUTAGE) >= 0
                                && load.seen503From(a) && load.seen503From(b) ? true : null);
                database.restore();
                Instant restoredAt = Instant.now();
                int successesAtRestore = load.successes();
                Poll.until("both nodes ready again", DEADLINE, () ->
                        a.anonymous("GET", "/health/ready").status() == 200
                                && b.anonymous("GET", "/health/ready").status() == 200 ? true : null);
                Poll.until("the load succeeds again", DEADLINE, () -> load.successes() >= successesAtRestore + 40 ? true : null);
                List<Outcome> outcomes = load.stop();
                Duration recovery = Duration.between(restoredAt, load.firstSuccessAfter(restoredAt));
                System.out.printf("[outage] %d calls: %s; first success %d ms after the database came back; "
                                + "%d connections refused while cut%n", outcomes.size(),
                        outcomes.stream().collect(Collectors.groupingBy(o -> o.operation() + " " + o.status()
                                + (o.code() == null ? "" : " " + o.code()), java.util.TreeMap::new, Collectors.counting())),
                        recovery.toMillis(), database.refused());

                assertThat(outcomes).as("every call got an HTTP answer").noneMatch(o -> o.status() == 0);
                assertThat(outcomes).as("no failure but 503").noneMatch(o -> o.status() >= 500 && o.status() != 503);
                assertThat(outcomes).filteredOn(o -> o.status() == 503)
                        .isNotEmpty().allSatisfy(o -> assertThat(o.code()).isEqualTo("store_unavailable"));
                assertThat(outcomes).filteredOn(o -> o.at().isAfter(restoredAt) && o.status() < 400)
                        .extracting(Outcome::operation).contains("me", "invite", "family", "accept", "join");
                assertThat(a.isAlive() && b.isAlive()).isTrue();
                assertThat(List.of(a.pid(), b.pid())).as("the same processes: no restart").containsExactly(pidA, pidB);
                assertThat(a.log() + b.log()).doesNotContain("unexpected failure");

                assertNothingHalfDone(schema);
            }
        }
    }

    private static void assertNothingHalfDone(PostgresSchema schema) {
        assertThat(schema.count("SELECT count(*) FROM invitekit_tenants")).as("tenants were made").isPositive();
        assertThat(schema.count("SELECT count(*) FROM invitekit_tenants t WHERE (SELECT count(*) FROM invitekit_memberships m "
                + "WHERE m.tenant_id = t.id AND m.role = 'OWNER') <> 1")).as("tenants without exactly one owner").isZero();
        assertThat(schema.count("SELECT count(*) FROM invitekit_tenants t WHERE NOT EXISTS (SELECT 1 FROM invitekit_tenant_domains d "
                + "WHERE d.primary_of = t.id)")).as("tenants without their domain").isZero();
        assertThat(schema.count("SELECT count(*) FROM invitekit_tenants t WHERE NOT EXISTS (SELECT 1 FROM invitekit_subdomain_claims c "
                + "WHERE c.tenant_id = t.id AND c.subdomain = t.subdomain)")).as("tenants without their subdomain").isZero();
        assertThat(schema.count("SELECT count(*) FROM invitekit_tenant_invitations i WHERE i.status = 'ACCEPTED' AND NOT EXISTS "
                + "(SELECT 1 FROM invitekit_tenants t WHERE t.id = i.created_tenant)")).as("accepted invitations without a tenant").isZero();
        assertThat(schema.count("SELECT count(*) FROM invitekit_tenant_invitations i WHERE i.status = 'ACCEPTED' AND NOT EXISTS "
                + "(SELECT 1 FROM invitekit_accounts u WHERE u.id = i.created_user AND u.email = i.email)"))
                .as("accepted invitations without their owner's account").isZero();
        assertThat(schema.count("SELECT count(*) FROM invitekit_tenant_invitations i WHERE NOT EXISTS "
                + "(SELECT 1 FROM invitekit_outbox_messages o WHERE o.aggregate_id = CAST(i.id AS text))"))
                .as("invitations without their email").isZero();
        assertThat(schema.count("SELECT count(*) FROM invitekit_accounts u WHERE u.platform_role = 'NONE' AND u.email LIKE 'owner-%' "
                + "AND NOT EXISTS (SELECT 1 FROM invitekit_memberships m WHERE m.user_id = u.id)"))
                .as("owners' accounts without their tenant").isZero();
    }

    /** Workers calling both nodes in turn: reads, invitations, families, accepts and joins. */
    private static final class Load {
        private final Node a;
        private final Node b;
        private final Map<Node, String> admins = new HashMap<>();
        private final List<String> users = new ArrayList<>();
        private final ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicInteger sequence = new AtomicInteger();
        private final ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        private final List<Future<?>> workers = new ArrayList<>();
        private String code;

        Load(Node a, Node b) {
            this.a = a;
            this.b = b;
        }

        void prepare() throws Exception {
            admins.put(a, a.login(Node.ADMIN_EMAIL, Node.ADMIN_PASSWORD));
            admins.put(b, b.login(Node.ADMIN_EMAIL, Node.ADMIN_PASSWORD));
            for (int i = 0; i < TOKENS; i++) {
                Node node = i % 2 == 0 ? a : b;
                Reply invited = node.call("POST", "/api/platform/tenant-invitations", admins.get(node),
                        Map.of("email", "owner-" + i + "@outage.test"));
                assertThat(invited.status()).as(invited.body()).isEqualTo(201);
            }
            Map<String, String> links = Poll.until("the relays log " + TOKENS + " links", DEADLINE, () -> {
                Map<String, String> found = new HashMap<>();
                Matcher matcher = LINK.matcher(a.log() + b.log());
                while (matcher.find()) {
                    found.put(matcher.group(1), matcher.group(2));
                }
                return found.size() >= TOKENS ? found : null;
            });
            tokens.addAll(links.values());
            for (int i = 0; i < WORKERS; i++) {
                users.add(a.call("POST", "/api/auth/signup", null, Map.of("email", "user-" + i + "@outage.test",
                        "password", "a decent password", "first_name", "Ada", "last_name", "Lovelace"),
                        Map.of("X-Forwarded-For", "10.2.0." + i)).text("access_token"));
            }
            String family = b.call("POST", "/api/tenants", users.get(0), Map.of("name", "The Outages")).text("id");
            code = b.call("GET", "/api/tenants/" + family + "/invite-code", users.get(0), null).text("code");
        }

        void start() {
            running.set(true);
            for (int w = 0; w < WORKERS; w++) {
                String user = users.get(w);
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        int n = sequence.incrementAndGet();
                        Node node = n % 2 == 0 ? a : b;
                        call(node, n, user);
                    }
                }));
            }
        }

        private void call(Node node, int n, String user) {
            Map<String, String> client = Map.of("X-Forwarded-For", "10.3." + (n / 250 % 250) + "." + (n % 250));
            String operation;
            Optional<Reply> reply;
            String token = null;
            switch (n % 5) {
                case 0 -> {
                    operation = "me";
                    reply = node.tryCall("GET", "/api/me", user, null, client);
                }
                case 1 -> {
                    operation = "invite";
                    reply = node.tryCall("POST", "/api/platform/tenant-invitations", admins.get(node),
                            Map.of("email", "load-" + n + "@outage.test"), client);
                }
                case 2 -> {
                    operation = "family";
                    reply = node.tryCall("POST", "/api/tenants", user, Map.of("name", "Family " + n), client);
                }
                case 3 -> {
                    token = tokens.poll();
                    if (token == null) {
                        return;
                    }
                    operation = "accept";
                    reply = node.tryCall("POST", "/api/platform/tenant-invitations/token/" + token + "/accept", null,
                            Map.of("password", "the owner's password", "first_name", "Grace", "last_name", "Hopper",
                                    "business_name", "Outage Bakery", "subdomain", "outage-" + n), client);
                }
                default -> {
                    operation = "join";
                    reply = node.tryCall("POST", "/api/join", user, Map.of("code", code), client);
                }
            }
            int status = reply.map(Reply::status).orElse(0);
            if (token != null && status != 201 && status != 410) {
                // Refused (the database was away): the link still works. Without this, however fast
                // the refusals come, the links could run out before the database is back, and no
                // accept would be left to succeed after it.
                tokens.add(token);
            }
            outcomes.add(new Outcome(Instant.now(), operation, node, status, reply.map(Reply::code).orElse(null)));
        }

        int successes() {
            return (int) outcomes.stream().filter(o -> o.status() > 0 && o.status() < 400).count();
        }

        boolean seen503From(Node node) {
            return outcomes.stream().anyMatch(o -> o.node() == node && o.status() == 503);
        }

        Instant firstSuccessAfter(Instant moment) {
            return outcomes.stream().filter(o -> o.at().isAfter(moment) && o.status() > 0 && o.status() < 400)
                    .map(Outcome::at).min(Instant::compareTo).orElseThrow();
        }

        List<Outcome> stop() throws Exception {
            running.set(false);
            for (Future<?> worker : workers) {
                worker.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            return List.copyOf(outcomes);
        }
    }
}
