package io.invitekit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The business metrics on the bundled server's {@code /metrics}: the server in this JVM on H2,
 * GreenMail as its SMTP server, a webhook receiver in this test, real requests over HTTP; the
 * background jobs dispatch the events, send the email and deliver the webhook by themselves.
 */
class MetricsTest {
    private static final String ADMIN = "admin@localhost";
    private static final String ADMIN_PASSWORD = "a long admin password";
    private static final String OWNER = "owner@example.org";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger received = new AtomicInteger();
    private GreenMail smtp;
    private HttpServer receiver;
    private InvitekitServer server;

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        server = InvitekitServer.start(Configuration.from(environment()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        receiver.stop(0);
        smtp.stop();
    }

    @Test
    void invitationsJoinsEmailsWebhookDeliveriesAndPendingInvitationsShowOnMetrics() throws Exception {
        String admin = login();
        HttpResponse<String> hook = call("POST", "/api/platform/webhooks", admin, Map.of(
                "url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
                "event_types", List.of("tenant_invitation.created")));
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);

        HttpResponse<String> invited = call("POST", "/api/platform/tenant-invitations", admin, Map.of("email", OWNER));
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
        HttpResponse<String> wrong = call("POST", "/api/join", admin, Map.of("code", "ZZZZ-ZZZZ"));
        assertThat(wrong.statusCode()).as(wrong.body()).isBetween(400, 499);
        assertThat(json.readTree(wrong.body()).path("code").asText()).isEqualTo("invalid_code");
        assertThat(smtp.waitForIncomingEmail(DEADLINE.toMillis(), 1)).as("the invitation email").isTrue();

        String scraped = awaitMetrics(admin, Map.of(
                "invitekit_invitations_total{kind=\"tenant\",outcome=\"created\"}", 1.0,
                "invitekit_joins_total{outcome=\"invalid_code\"}", 1.0,
                "invitekit_emails_total{kind=\"tenant_invitation\",outcome=\"sent\"}", 1.0,
                "invitekit_webhook_deliveries_total{outcome=\"delivered\"}", 1.0,
                "invitekit_pending_invitations{kind=\"tenant\"}", 1.0,
                "invitekit_pending_invitations{kind=\"member\"}", 0.0));
        assertThat(received).hasValue(1);
        assertThat(scraped).contains("# TYPE invitekit_invitations_total counter")
                .contains("# TYPE invitekit_pending_invitations gauge")
                .as("no user data in the tags").doesNotContain(OWNER).doesNotContain("ZZZZ");
    }

    /** Scrapes until every series has its value (the background jobs count as they go), or fails with the last scrape. */
    private String awaitMetrics(String admin, Map<String, Double> expected) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        java.util.concurrent.CountDownLatch between = new java.util.concurrent.CountDownLatch(1); // never counted down
        String body;
        while (true) {
            HttpResponse<String> scrape = call("GET", "/metrics", admin, null);
            assertThat(scrape.statusCode()).isEqualTo(200);
            body = scrape.body();
            Map<String, Double> values = values(body);
            boolean all = expected.entrySet().stream().allMatch(e -> e.getValue().equals(values.get(e.getKey())));
            if (all || System.nanoTime() > deadline) {
                assertThat(values).as(body).containsAllEntriesOf(expected);
                return body;
            }
            // Polls the scrape until it holds or the deadline passes: the condition decides, never the pause.
            between.await(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private static Map<String, Double> values(String exposition) {
        Map<String, Double> values = new HashMap<>();
        Matcher line = Pattern.compile("(?m)^(invitekit_[a-z_]+(?:\\{[^}]*\\})?) (\\S+)$").matcher(exposition);
        while (line.find()) {
            values.put(line.group(1), Double.parseDouble(line.group(2)));
        }
        return values;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("INVITEKIT_PORT", "0");
        env.put("INVITEKIT_DB_URL", "jdbc:h2:file:" + dir.resolve("invitekit")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        env.put("INVITEKIT_SMTP_HOST", "127.0.0.1");
        env.put("INVITEKIT_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("INVITEKIT_MAIL_FROM", "invites@acme.test");
        env.put("INVITEKIT_ADMIN_EMAIL", ADMIN);
        env.put("INVITEKIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("INVITEKIT_ARGON2_MEMORY_KIB", "1024");
        env.put("INVITEKIT_RELAY_INTERVAL_MILLIS", "100");
        env.put("INVITEKIT_WEBHOOK_ALLOW_PRIVATE", "true");
        env.put("INVITEKIT_SECRET_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        return env;
    }

    private String login() throws Exception {
        HttpResponse<String> reply = call("POST", "/api/auth/login", null, Map.of("email", ADMIN, "password", ADMIN_PASSWORD));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        return json.readTree(reply.body()).path("access_token").asText();
    }

    private HttpResponse<String> call(String method, String path, String bearer, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
