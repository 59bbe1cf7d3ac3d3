package io.invitekit.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.invitekit.bootstrap.cli.Operator.Run;
import io.invitekit.bootstrap.process.ServerNode.Reply;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On PostgreSQL the commands run beside a running node, and what they change holds at once there. */
class AdminCommandLineOnPostgresIT {
    private static final String ADMIN = "root@acme.test";
    private static final String ADMIN_PASSWORD = "a long admin password";
    private static final String NEW_PASSWORD = "an operator's new passphrase";

    private String pg;
    private String schema;
    private Operator operator;

    @BeforeEach
    void setUp() throws Exception {
        pg = System.getenv("INVITEKIT_TEST_PG_URL");
        assumeTrue(pg != null, "INVITEKIT_TEST_PG_URL is not set");
        schema = "cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        operator = new Operator(Operator.freshDirectory("cli-pg"), Map.of(
                "INVITEKIT_DB_URL", pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "INVITEKIT_ADMIN_EMAIL", ADMIN, "INVITEKIT_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "INVITEKIT_RATE_LIMIT_STORE", "database"));
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Reply login(Operator.Server server, String email, String password) {
        return server.call("POST", "/api/auth/login", null, Map.of("email", email, "password", password));
    }

    @Test
    void beside_a_running_node_a_reset_ends_its_sessions_at_once_and_an_admin_created_logs_in() throws Exception {
        try (Operator.Server server = operator.startServer()) {
            String token = login(server, ADMIN, ADMIN_PASSWORD).text("access_token");
            assertThat(server.call("GET", "/api/me", token, null).status()).isEqualTo(200);

            Run reset = operator.runWith(NEW_PASSWORD, Map.of(), "admin", "reset-password", ADMIN, "--password-stdin");
            assertThat(reset.exit()).as(reset.output()).isZero();

            assertThat(server.call("GET", "/api/me", token, null).status()).as("the running node's session").isEqualTo(401);
            assertThat(login(server, ADMIN, ADMIN_PASSWORD).status()).isEqualTo(401);
            assertThat(login(server, ADMIN, NEW_PASSWORD).status()).isEqualTo(200);

            Run created = operator.run("admin", "create", "ops@acme.test");
            assertThat(created.exit()).as(created.output()).isZero();
            Reply ops = login(server, "ops@acme.test", created.after("Password (shown once):"));
            assertThat(ops.json().path("user").path("platform_role").asText()).isEqualTo("PLATFORM_ADMIN");

            Run dead = operator.run("outbox", "dead");
            assertThat(dead.exit()).as(dead.output()).isZero();
            assertThat(dead.output()).contains("No dead emails.");
            Run migrate = operator.run("migrate");
            assertThat(migrate.exit()).as(migrate.output()).isZero();
            assertThat(migrate.output()).contains("up to date");
        }
    }

    @Test
    void backup_says_to_use_pg_dump_and_exits_non_zero() throws Exception {
        Run backup = operator.run("backup", "invitekit.zip");

        assertThat(backup.exit()).isEqualTo(1);
        assertThat(backup.output()).contains("pg_dump");
    }
}
