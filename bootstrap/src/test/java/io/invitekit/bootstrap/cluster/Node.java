package io.invitekit.bootstrap.cluster;

import io.invitekit.bootstrap.process.ServerNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One of several server processes sharing one PostgreSQL schema. */
final class Node extends ServerNode {
    static final String ADMIN_EMAIL = "root@cluster.test";
    static final String ADMIN_PASSWORD = "a long admin password";
    private static final Pattern RELAY = Pattern.compile("outbox relay (relay-[0-9a-f-]{36}) leases");

    private Node(Started started) {
        super(started);
    }

    /**
     * Starts a node on a free port; returns at once ({@link #awaitReady} waits), so that several
     * nodes start side by side.
     *
     * @param dbUrl    a PostgreSQL URL naming the schema the nodes share
     * @param smtpPort an SMTP port on 127.0.0.1, or 0 for the console sender
     * @param extra    more variables, which win over the defaults here
     */
    static Node launch(String name, String dbUrl, int smtpPort, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("INVITEKIT_BASE_URL", "https://app.cluster.test");
        env.put("INVITEKIT_PLATFORM_NAME", "Cluster Cloud");
        env.put("INVITEKIT_PLATFORM_DOMAIN", "cluster.test");
        env.put("INVITEKIT_MAIL_FROM", "invites@cluster.test");
        env.put("INVITEKIT_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("INVITEKIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("INVITEKIT_DB_URL", dbUrl);
        env.put("INVITEKIT_RATE_LIMIT_STORE", "database");
        env.put("INVITEKIT_RELAY_INTERVAL_MILLIS", "100");
        // These tests are about what the database enforces, not about hashing cost.
        env.put("INVITEKIT_ARGON2_MEMORY_KIB", "1024");
        env.put("INVITEKIT_ARGON2_ITERATIONS", "1");
        // Load makes each user create families over and over: no cap on how many one may own.
        env.put("INVITEKIT_MAX_TENANTS_PER_USER", "1000000");
        if (smtpPort > 0) {
            env.put("INVITEKIT_SMTP_HOST", "127.0.0.1");
            env.put("INVITEKIT_SMTP_PORT", Integer.toString(smtpPort));
        }
        env.putAll(extra);
        return new Node(startJar("cluster-" + name, List.of("-Xmx256m"), env));
    }

    @Override
    public Node awaitReady(Duration within) throws InterruptedException {
        super.awaitReady(within);
        return this;
    }

    /** The claimer id this node's outbox relay writes into the leases it takes. */
    String relayId() {
        Matcher matcher = RELAY.matcher(log());
        if (!matcher.find()) {
            throw new IllegalStateException(name() + " has not named its relay:\n" + log());
        }
        return matcher.group(1);
    }
}
