package io.invitekit.bootstrap.cluster;

import io.invitekit.bootstrap.process.Emails;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.bootstrap.cluster.GreenMailProcess.Mail;
import io.invitekit.bootstrap.process.ServerNode.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two server processes on one PostgreSQL schema, sending through one GreenMail standalone
 * process: what several nodes must agree on is decided by the database (SPEC §6).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesOnePostgresIT {
    private static final Pattern TOKEN = Pattern.compile("https://app\\.cluster\\.test/tenant-onboard#token=([A-Za-z0-9_-]{43})");
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private GreenMailProcess greenMail;
    private PostgresSchema schema;
    private Node a;
    private Node b;
    private String adminOnA;
    private String adminOnB;

    @BeforeAll
    void startTwoNodes() throws Exception {
        PostgresSchema.require();
        greenMail = GreenMailProcess.start();
        schema = PostgresSchema.create("cluster");
        // Trusted so that the race below may come from 200 client addresses, as it would in production.
        Map<String, String> env = Map.of("INVITEKIT_TRUSTED_PROXIES", "127.0.0.1");
        // Both at once on an empty schema: migrations and the first admin must not trip over each other.
        a = Node.launch("a", schema.url(), greenMail.smtpPort(), env);
        b = Node.launch("b", schema.url(), greenMail.smtpPort(), env);
        a.awaitReady(DEADLINE);
        b.awaitReady(DEADLINE);
        adminOnA = a.login(Node.ADMIN_EMAIL, Node.ADMIN_PASSWORD);
        adminOnB = b.login(Node.ADMIN_EMAIL, Node.ADMIN_PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable resource : new AutoCloseable[] {a, b, greenMail, schema}) {
            if (resource != null) {
                resource.close();
            }
        }
    }

    @Test
    void twoNodesStartingTogetherOnAnEmptySchemaMakeOneAdmin() {
        assertThat(schema.count("SELECT count(*) FROM invitekit_accounts WHERE platform_role = 'PLATFORM_ADMIN'")).isEqualTo(1);
        assertThat(schema.count("SELECT count(*) FROM invitekit_schema_history WHERE success")).isPositive();
    }

    @Test
    void twoHundredConcurrentAcceptsOfTwentyTokensOnBothNodesMakeExactlyTwentyTenants() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = "race-" + i + "@accept.test";
            Node node = i % 2 == 0 ? a : b;
            Reply created = node.call("POST", "/api/platform/tenant-invitations", admin(node), Map.of("email", email));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            emails.add(email);
        }
        Map<String, String> tokens = new HashMap<>();
        for (String email : awaitRecipients(emails)) {
            List<Mail> inbox = greenMail.inbox(email);
            assertThat(inbox).as("emails to %s", email).hasSize(1);
            Matcher link = TOKEN.matcher(Emails.plainText(inbox.get(0).message()));
            assertThat(link.find()).as("the email to %s has its link", email).isTrue();
            tokens.put(email, link.group(1));
        }

        ExecutorService pool = Executors.newFixedThreadPool(200);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            String token = tokens.get(emails.get(k % 20));
            Node node = (k / 20) % 2 == 0 ? a : b; // each token gets 10 tries, 5 on each node
            Map<String, Object> body = acceptBody("race-t" + (k % 20) + "-try" + (k / 20));
            Map<String, String> client = Map.of("X-Forwarded-For", "10.1." + (k / 250) + "." + (k % 250));
            replies.add(pool.submit(() -> {
                go.await();
                return node.call("POST", "/api/platform/tenant-invitations/token/" + token + "/accept", null, body, client);
            }));
        }
        go.countDown();
        List<Reply> answered = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            answered.add(reply.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        Map<Integer, Long> byStatus = answered.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
        assertThat(byStatus).as("statuses of 200 accepts").containsOnlyKeys(201, 410).containsEntry(201, 20L);
        assertThat(answered).filteredOn(r -> r.status() == 410).allSatisfy(r -> assertThat(r.code()).isEqualTo("invitation_accepted"));
        assertThat(answered).filteredOn(r -> r.status() == 201)
                .extracting(r -> r.json().path("user").path("email").asText()).containsExactlyInAnyOrderElementsOf(emails);

        assertThat(schema.count("SELECT count(*) FROM invitekit_tenants WHERE subdomain LIKE 'race-t%'")).isEqualTo(20);
        assertThat(schema.count("SELECT count(DISTINCT created_tenant) FROM invitekit_tenant_invitations "
                + "WHERE email LIKE 'race-%' AND status = 'ACCEPTED'")).isEqualTo(20);
        assertThat(schema.count("SELECT count(*) FROM invitekit_accounts WHERE email LIKE 'race-%'")).isEqualTo(20);
        assertThat(schema.count("SELECT count(*) FROM invitekit_memberships m JOIN invitekit_tenants t ON t.id = m.tenant_id "
                + "WHERE t.subdomain LIKE 'race-t%' AND m.role = 'OWNER'")).isEqualTo(20);
        assertThat(schema.count("SELECT count(*) FROM invitekit_tenant_domains d JOIN invitekit_tenants t ON t.id = d.tenant_id "
                + "WHERE t.subdomain LIKE 'race-t%' AND d.primary_of = t.id")).isEqualTo(20);
    }

    @Test
    void aThousandInvitationsCreatedOnBothNodesGiveExactlyAThousandEmailsEachMessageIdOnce() throws Exception {
        int count = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Reply>> replies = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = "bulk-" + i + "@mail.test";
            Node node = i % 2 == 0 ? a : b;
            emails.add(email);
            replies.add(pool.submit((Callable<Reply>) () ->
                    node.call("POST", "/api/platform/tenant-invitations", admin(node), Map.of("email", email))));
        }
        for (Future<Reply> reply : replies) {
            Reply created = reply.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        pool.shutdownNow();

        awaitRecipients(emails);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> inboxes = new ArrayList<>();
        for (String email : emails) {
            inboxes.add(readers.submit(() -> greenMail.messageIds(email)));
        }
        List<String> allIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> ids = inboxes.get(i).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(ids).as("emails to %s", emails.get(i)).hasSize(1);
            allIds.addAll(ids);
        }
        readers.shutdownNow();
        int received = allIds.size();
        Set<String> messageIds = new HashSet<>(allIds);
        assertThat(received).isEqualTo(count);
        assertThat(messageIds).as("every Message-ID once").hasSize(count);
        assertThat(schema.count("SELECT count(*) FROM invitekit_outbox_messages WHERE recipient LIKE 'bulk-%' AND status = 'SENT'"))
                .isEqualTo(count);
        assertThat(schema.count("SELECT count(*) FROM invitekit_outbox_messages WHERE recipient LIKE 'bulk-%' AND secret IS NOT NULL"))
                .as("tokens purged once sent").isZero();
    }

    @Test
    void wrongJoinCodesAlternatingBetweenNodesUseOneSharedAllowance() {
        String owner = a.signup("limit-owner@join.test");
        Reply family = a.call("POST", "/api/tenants", owner, Map.of("name", "The Limits"));
        assertThat(family.status()).as(family.body()).isEqualTo(201);
        String code = a.call("GET", "/api/tenants/" + family.text("id") + "/invite-code", owner, null).text("code");

        String attacker = b.signup("attacker@join.test");
        for (int i = 0; i < 10; i++) {
            Node node = i % 2 == 0 ? a : b;
            Reply wrong = node.call("POST", "/api/join", attacker, Map.of("code", "ZZZZ-ZZZ" + i));
            assertThat(wrong.code()).as("guess %d on %s", i + 1, node).isEqualTo("invalid_code");
        }
        for (Node node : List.of(a, b)) {
            Reply refused = node.call("POST", "/api/join", attacker, Map.of("code", code));
            assertThat(refused.status()).as("the 11th attempt on %s, with the right code", node).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("rate_limited");
            assertThat(refused.headers()).containsKey("retry-after");
        }
        String honest = b.signup("honest@join.test");
        assertThat(b.call("POST", "/api/join", honest, Map.of("code", code)).status())
                .as("the code itself is good").isEqualTo(200);
    }

    private String admin(Node node) {
        return node == a ? adminOnA : adminOnB;
    }

    /** Waits until every address has mail; returns them. */
    private List<String> awaitRecipients(List<String> emails) throws Exception {
        Set<String> missing = new HashSet<>(emails);
        return Poll.until("every one of " + emails.size() + " addresses gets an email", DEADLINE, () -> {
            missing.removeAll(greenMail.recipients());
            return missing.isEmpty() ? emails : null;
        });
    }

    private static Map<String, Object> acceptBody(String subdomain) {
        Map<String, Object> body = new HashMap<>();
        body.put("password", "the owner's password");
        body.put("first_name", "Grace");
        body.put("last_name", "Hopper");
        body.put("business_name", "Race Bakery");
        body.put("subdomain", subdomain);
        return body;
    }
}
