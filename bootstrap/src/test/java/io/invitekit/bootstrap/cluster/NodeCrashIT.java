package io.invitekit.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.bootstrap.process.ServerNode.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a node while it is sending: the emails it had claimed stay leased to it, and
 * once the lease has passed the other node sends them. Nothing is lost; the only emails that may
 * arrive twice are those the dead node was in the middle of sending, one per relay thread.
 *
 * <p>Nothing here depends on how fast the machine is. The emails are created on a third node
 * whose relay does not run, while a and b are stopped (SIGSTOP), so that when a goes on it claims
 * the whole backlog at once; a is stopped again before each look at what it holds, so what the
 * test sees is exactly what the kill leaves behind; b goes on only after a is dead.
 */
class NodeCrashIT {
    private static final int EMAILS = 100;
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final int RELAY_THREADS_PER_NODE = 2; // BackgroundJobs.DEFAULT_RELAY_THREADS

    @Test
    void theSurvivingNodeDeliversWhatAKilledNodeHadClaimedOnceTheLeaseHasPassed() throws Exception {
        PostgresSchema.require();
        try (GreenMailProcess greenMail = GreenMailProcess.start();
             // A slow SMTP server (every chunk a client sends is held back), so that delivery takes a while.
             TcpProxy slowSmtp = new TcpProxy("127.0.0.1", greenMail.smtpPort(), Duration.ofMillis(15));
             PostgresSchema schema = PostgresSchema.create("crash")) {
            Map<String, String> env = Map.of("INVITEKIT_OUTBOX_LEASE_SECONDS", Long.toString(LEASE.toSeconds()));
            Map<String, String> noRelay = new HashMap<>(env);
            noRelay.put("INVITEKIT_RELAY_INTERVAL_MILLIS", "3600000"); // one run at start, the next an hour later
            Node front = Node.launch("front", schema.url(), greenMail.smtpPort(), noRelay);
            Node a = Node.launch("a", schema.url(), slowSmtp.port(), env);
            Node b = Node.launch("b", schema.url(), greenMail.smtpPort(), env);
            try (front; a; b) {
                front.awaitReady(DEADLINE);
                a.awaitReady(DEADLINE);
                b.awaitReady(DEADLINE);
                String relayOfA = a.relayId();
                String admin = front.login(Node.ADMIN_EMAIL, Node.ADMIN_PASSWORD);
                // The backlog is made while neither relay can take any of it.
                signal(a, "STOP");
                signal(b, "STOP");
                List<String> emails = new ArrayList<>();
                for (int i = 0; i < EMAILS; i++) {
                    String email = "crash-" + i + "@mail.test";
                    Reply created = front.call("POST", "/api/platform/tenant-invitations", admin, Map.of("email", email));
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    emails.add(email);
                }
                // a alone goes on: its relay claims the backlog in batches and sends it through the slow proxy.
                signal(a, "CONT");

                String heldByA = "SELECT id, lease_until FROM invitekit_outbox_messages WHERE status = 'PENDING' AND lease_owner = ?";
                Poll.until("a has sent some emails and holds leases on others", DEADLINE, () -> {
                    signal(a, "STOP"); // a stands still while we look: what we see is what the kill leaves
                    if (greenMail.recipients().size() >= 5 && schema.rows(heldByA, relayOfA).size() >= 5) {
                        return true;
                    }
                    signal(a, "CONT");
                    return null;
                });
                a.kill();
                // A is gone: what it still holds now, nobody but a relay whose lease check works may touch.
                Map<Object, Instant> leftBehind = new HashMap<>();
                schema.rows(heldByA, relayOfA).forEach(row -> leftBehind.put(row.get("id"), (Instant) row.get("lease_until")));
                assertThat(leftBehind).as("emails the killed node had claimed but not sent").hasSizeGreaterThanOrEqualTo(5);
                signal(b, "CONT"); // b goes on only now: the leases a left are all it may not touch

                Set<String> missing = new HashSet<>(emails);
                Poll.until("every address gets its email", DEADLINE, () -> {
                    missing.removeAll(greenMail.recipients());
                    return missing.isEmpty() ? true : null;
                });

                assertThat(b.isAlive()).isTrue();
                assertThat(schema.count("SELECT count(*) FROM invitekit_outbox_messages WHERE status <> 'SENT'")).isZero();
                for (Map.Entry<Object, Instant> held : leftBehind.entrySet()) {
                    Instant sentAt = (Instant) schema.rows("SELECT sent_at FROM invitekit_outbox_messages WHERE id = ?",
                            held.getKey()).get(0).get("sent_at");
                    assertThat(sentAt).as("sent by the survivor only after the dead node's lease had passed")
                            .isAfterOrEqualTo(held.getValue());
                }
                List<String> messageIds = new ArrayList<>();
                for (String email : emails) {
                    messageIds.addAll(greenMail.messageIds(email));
                }
                System.out.printf("[crash] the killed node left %d claimed emails; %d emails arrived for %d messages%n",
                        leftBehind.size(), messageIds.size(), EMAILS);
                assertThat(new HashSet<>(messageIds)).as("one Message-ID per email").hasSize(EMAILS);
                assertThat(messageIds.size()).as("at most the emails in flight at the kill arrive twice")
                        .isBetween(EMAILS, EMAILS + RELAY_THREADS_PER_NODE);
            }
        }
    }

    /** Sends a signal to the node's process: STOP freezes it (its relay and its HTTP server), CONT lets it go on. */
    private static void signal(Node node, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(node.pid())).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes());
        if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + node + " failed: " + output);
        }
    }
}
