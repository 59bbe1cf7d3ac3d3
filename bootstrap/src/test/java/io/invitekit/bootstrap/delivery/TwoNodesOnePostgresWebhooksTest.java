package io.invitekit.bootstrap.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.webhook.JettyWebhookSender;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.CreatedWebhook;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.in.NewWebhook;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two applications over one PostgreSQL schema, each running the event dispatcher and
 * the webhook sender on two threads) deliver the webhooks of 500 events to a real HTTP receiver
 * over the real Jetty sender. The receiver is down (503) for its first 100 requests: those
 * deliveries are retried and then delivered. The receiver checks every signature itself with
 * javax.crypto, as Standard Webhooks says, and counts how often each webhook-id was accepted.
 */
class TwoNodesOnePostgresWebhooksTest {
    private static final int EVENTS = 500;
    private static final int DOWN_FOR = 100;

    private String url;
    private String schema;
    private HikariDataSource dataSource;
    private HttpServer receiver;
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile byte[] key;

    @BeforeEach
    void setUp() throws Exception {
        url = System.getenv("INVITEKIT_TEST_PG_URL");
        if (url == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("CI=true, so the PostgreSQL tests must run, but INVITEKIT_TEST_PG_URL is not set");
        }
        assumeTrue(url != null, "INVITEKIT_TEST_PG_URL is not set");
        schema = "webhooks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("CREATE SCHEMA " + schema);
        dataSource = Databases.pool(DatabaseSettings.of(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(8));
        receiver.createContext("/hooks", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (!verifies(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body)) {
                badSignatures.incrementAndGet();
            }
            int status = requests.incrementAndGet() <= DOWN_FOR ? 503 : 204;
            if (status == 204) {
                accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (dataSource != null) {
            dataSource.close();
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void twoNodesDeliverEveryEventOnceSignedThroughAnOutage() throws Exception {
        JdbiStorage storage = JdbiStorage.migrateAndCreate(dataSource);
        byte[] secretKey = new byte[32];
        new SecureRandom().nextBytes(secretKey);
        try (JettyWebhookSender firstSender = new JettyWebhookSender(JettyWebhookSender.Settings.defaults().withAllowPrivate(true));
             JettyWebhookSender secondSender = new JettyWebhookSender(JettyWebhookSender.Settings.defaults().withAllowPrivate(true))) {
            Invitekit first = node(storage, secretKey, firstSender);
            Invitekit second = node(JdbiStorage.create(dataSource), secretKey, secondSender);
            first.accounts().createFirstPlatformAdmin("root@acme.test", "a long admin password");
            Actor admin = first.accounts().authenticate(
                    first.accounts().login(LogIn.with("root@acme.test", "a long admin password")).accessToken()).orElseThrow();
            CreatedWebhook hook = first.webhooks().create(admin, null, NewWebhook.to(
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks", "tenant_invitation.created"));
            key = Base64.getDecoder().decode(hook.secret().substring("whsec_".length()));
            for (int i = 0; i < EVENTS; i++) {
                first.invitations().create(admin, NewTenantInvitation.to("owner" + i + "@example.org"));
            }

            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> workers = new ArrayList<>();
            for (Invitekit node : List.of(first, second, first, second)) {
                workers.add(pool.submit(() -> {
                    go.await();
                    int delivered = 0;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (accepted.size() < EVENTS && System.nanoTime() < deadline) {
                        node.delivery().dispatchEventsOnce();
                        delivered += node.delivery().deliverWebhooksOnce().delivered();
                    }
                    return delivered;
                }));
            }
            go.countDown();
            List<Integer> delivered = new ArrayList<>();
            for (Future<Integer> worker : workers) {
                delivered.add(worker.get(180, TimeUnit.SECONDS));
            }
            pool.shutdownNow();
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(accepted).hasSize(EVENTS);
            assertThat(accepted.values()).as("each webhook-id accepted once").allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
            assertThat(badSignatures.get()).as("signatures the receiver could not verify").isZero();
            assertThat(requests.get()).as("every 503 was retried once more").isEqualTo(EVENTS + DOWN_FOR);
            assertThat(delivered.stream().mapToInt(Integer::intValue).sum()).isEqualTo(EVENTS);
            assertThat(delivered.get(0) + delivered.get(2)).as("the first node delivered some").isPositive();
            assertThat(delivered.get(1) + delivered.get(3)).as("the second node delivered some").isPositive();
            System.out.printf("[webhooks] two nodes, one PostgreSQL: %d events delivered to a real receiver in %.1f s "
                            + "(%d requests, %d answered 503 and retried, first node %d, second node %d, 0 ids twice)%n",
                    EVENTS, seconds, requests.get(), DOWN_FOR, delivered.get(0) + delivered.get(2),
                    delivered.get(1) + delivered.get(3));
        }
    }

    private boolean verifies(String id, String timestamp, String signatureHeader, byte[] body) {
        if (id == null || timestamp == null || signatureHeader == null || key == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String signature : signatureHeader.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Invitekit node(JdbiStorage storage, byte[] secretKey, JettyWebhookSender sender) {
        SecureRandom random = new SecureRandom();
        return Invitekit.builder()
                // Retries come after 1 s here (5 s by default): the outage's deliveries are retried within the test.
                .settings(InvitekitSettings.defaults().toBuilder().webhooks(retryingQuickly()).build())
                .random(random)
                .storage(storage)
                .mailSender(new RecordingMailSender())
                .passwordHasher(new FastInsecurePasswordHasher(random))
                .secretKey(secretKey)
                .webhookSender(sender)
                .build();
    }

    private static io.invitekit.application.port.out.WebhookPolicy retryingQuickly() {
        io.invitekit.application.port.out.WebhookPolicy d = io.invitekit.application.port.out.WebhookPolicy.defaults();
        List<Duration> delays = new ArrayList<>(d.retryDelays());
        delays.set(0, Duration.ofSeconds(1));
        return new io.invitekit.application.port.out.WebhookPolicy(delays, d.failingAfter(), d.disableAfter(),
                d.disableAfterFailures(), d.previousSecretGrace(), d.lease(), d.batchSize());
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
