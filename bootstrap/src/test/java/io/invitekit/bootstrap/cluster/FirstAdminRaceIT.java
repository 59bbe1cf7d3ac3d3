package io.invitekit.bootstrap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.bootstrap.process.ServerNode.Reply;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two server processes starting at once on one empty PostgreSQL schema, each told to make a
 * different first admin: exactly one platform admin results, and both nodes come up and serve.
 */
class FirstAdminRaceIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Test
    void twoNodesStartingAtOnceWithDifferentAdminEmailsMakeExactlyOneAdminAndBothServe() throws Exception {
        PostgresSchema.require();
        try (PostgresSchema schema = PostgresSchema.create("firstadmin")) {
            Map<String, String> emails = Map.of("a", "alice@first-admin.test", "b", "bob@first-admin.test");
            Map<String, String> passwords = Map.of("a", "alice's admin password", "b", "bob's admin password");
            Node a = Node.launch("a", schema.url(), 0, adminSettings(emails.get("a"), passwords.get("a")));
            Node b = Node.launch("b", schema.url(), 0, adminSettings(emails.get("b"), passwords.get("b")));
            try (a; b) {
                a.awaitReady(DEADLINE);
                b.awaitReady(DEADLINE);

                List<Map<String, Object>> admins = schema.rows(
                        "SELECT email FROM invitekit_accounts WHERE platform_role = 'PLATFORM_ADMIN'");
                assertThat(admins).as("platform admins").hasSize(1);
                String winner = emails.get("a").equals(admins.get(0).get("email")) ? "a" : "b";
                String loser = winner.equals("a") ? "b" : "a";
                Node winningNode = winner.equals("a") ? a : b;
                Node losingNode = winner.equals("a") ? b : a;
                System.out.printf("[first-admin] node %s made the admin %s; node %s made none%n",
                        winner, emails.get(winner), loser);
                assertThat(schema.count("SELECT count(*) FROM invitekit_bootstrap_markers WHERE name = 'first_admin'")).isEqualTo(1);
                assertThat(schema.count("SELECT count(*) FROM invitekit_accounts WHERE email = ?", emails.get(loser))).isZero();

                assertThat(winningNode.log()).contains("Created the first platform admin " + emails.get(winner));
                assertThat(losingNode.log()).contains("A platform admin exists already")
                        .doesNotContain("Created the first platform admin");
                assertThat(a.log() + b.log()).doesNotContain(passwords.get("a")).doesNotContain(passwords.get("b"));

                for (Node node : List.of(a, b)) {
                    assertThat(node.anonymous("GET", "/health/ready").status()).isEqualTo(200);
                    String token = node.login(emails.get(winner), passwords.get(winner));
                    Reply me = node.call("GET", "/api/me", token, null);
                    assertThat(me.status()).isEqualTo(200);
                    assertThat(me.json().path("user").path("platform_role").asText()).isEqualTo("PLATFORM_ADMIN");
                    Reply refused = node.call("POST", "/api/auth/login", null,
                            Map.of("email", emails.get(loser), "password", passwords.get(loser)));
                    assertThat(refused.status()).isEqualTo(401);
                    assertThat(refused.code()).isEqualTo("invalid_credentials");
                }
            }
        }
    }

    /**
     * A slow hash (one to a few seconds here) between looking for an admin and writing one: the window
     * in which two nodes that only looked would both make theirs.
     */
    private static Map<String, String> adminSettings(String email, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("INVITEKIT_ADMIN_EMAIL", email);
        env.put("INVITEKIT_ADMIN_PASSWORD", password);
        env.put("INVITEKIT_ARGON2_MEMORY_KIB", "65536");
        env.put("INVITEKIT_ARGON2_ITERATIONS", "4");
        return env;
    }
}
