package io.invitekit.example.hostapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.jdbi.JdbiStorage;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One database for the host and Invitekit: the host's {@code accounts}, {@code sessions} and
 * {@code flyway_schema_history} (names Invitekit 0.1 used for its own) stay exactly as the host
 * made them, next to Invitekit's prefixed tables and its own {@code invitekit_schema_history}.
 */
abstract class SharedDatabase {
    private static final List<String> HOST_TABLES = List.of("accounts", "sessions", "flyway_schema_history");

    protected abstract TestDatabase.Kind kind();

    private TestDatabase database;

    @BeforeEach
    void create() throws SQLException {
        database = TestDatabase.of(kind());
    }

    @AfterEach
    void drop() throws SQLException {
        if (database != null) { // null when the database kind is not available here
            database.close();
        }
    }

    @Test
    void the_hosts_tables_and_history_stay_the_hosts_beside_invitekits_own() {
        // The host as it was before it embedded Invitekit: its schema, its users.
        Flyway hostFlyway = Flyway.configure().dataSource(database.dataSource()).load();
        assertThat(hostFlyway.migrate().migrationsExecuted).isEqualTo(1);
        Accounts accounts = new Accounts(Jdbi.create(database.dataSource()),
                new Passwords(Passwords.Cost.FOR_TESTS, new SecureRandom()), Clock.systemUTC());
        Account admin = accounts.register("ada@host.test", "Ada Admin", RunningHost.PASSWORD, true, true);
        Account alice = accounts.register("alice@example.org", "Alice", RunningHost.PASSWORD, true, false);
        Map<String, Object> structure = hostStructure();
        Map<String, Object> accountRows = rows("SELECT * FROM accounts ORDER BY email");
        Map<String, Object> history = rows("SELECT * FROM flyway_schema_history ORDER BY installed_rank");

        // Now with Invitekit: an invitation (with its email), a family.
        try (RunningHost host = RunningHost.on(database.dataSource())) {
            Browser adminBrowser = host.signedIn(admin);
            assertThat(adminBrowser.post("/invitekit/api/platform/tenant-invitations",
                    "{\"email\":\"owner@example.org\"}").status()).isEqualTo(201);
            host.deliverInvitationTo("owner@example.org");
            assertThat(host.signedIn(alice).post("/invitekit/api/tenants", "{\"name\":\"Alice's\"}").status())
                    .isEqualTo(201);
        }

        assertThat(hostStructure()).as("the host's tables: columns, constraints, indexes").isEqualTo(structure);
        assertThat(rows("SELECT * FROM accounts ORDER BY email")).as("the host's users").isEqualTo(accountRows);
        assertThat(rows("SELECT * FROM flyway_schema_history ORDER BY installed_rank")).as("the host's history")
                .isEqualTo(history);
        assertThat(count("SELECT count(*) FROM sessions")).as("the host's own log-ins, and only those").isEqualTo(2);
        assertThat(hostFlyway.validateWithResult().validationSuccessful).isTrue();
        assertThat(hostFlyway.info().pending()).isEmpty();

        assertThat(tables()).as("every other table is Invitekit's, prefixed")
                .containsAll(HOST_TABLES)
                .allMatch(table -> HOST_TABLES.contains(table) || table.startsWith("invitekit_"))
                .contains("invitekit_schema_history", "invitekit_tenant_invitations", "invitekit_tenants",
                        "invitekit_memberships", "invitekit_outbox_messages", "invitekit_accounts", "invitekit_sessions");
        assertThat(count("SELECT count(*) FROM invitekit_schema_history WHERE version IN ('1', '2', '3', '4') AND success"))
                .as("Invitekit's migrations, in its own history").isEqualTo(4);
        assertThat(count("SELECT count(*) FROM invitekit_tenant_invitations")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM invitekit_outbox_messages WHERE status = 'SENT'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM invitekit_tenants")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM invitekit_memberships WHERE user_id = '" + alice.id() + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM invitekit_accounts")).as("the host's users are not copied").isZero();
        assertThat(count("SELECT count(*) FROM invitekit_sessions")).as("nor its sessions").isZero();

        // Started again on the same database: nothing to migrate on either side, everything still there.
        assertThat(JdbiStorage.migrate(database.dataSource())).isZero();
        try (RunningHost again = RunningHost.on(database.dataSource())) {
            Browser.Response mine = again.signedIn(alice).get("/me");
            assertThat(mine.json().path("displayName").asText()).isEqualTo("Alice");
        }
        assertThat(rows("SELECT * FROM flyway_schema_history ORDER BY installed_rank")).isEqualTo(history);
        assertThat(hostStructure()).isEqualTo(structure);
    }

    /** The host's tables as the host made them: columns and constraints. */
    private Map<String, Object> hostStructure() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        for (String table : HOST_TABLES) {
            snapshot.put(table + " columns", rows("SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                    + "WHERE table_schema = CURRENT_SCHEMA AND table_name = '" + table + "' ORDER BY ordinal_position"));
            snapshot.put(table + " constraints", rows("SELECT constraint_name, constraint_type FROM "
                    + "information_schema.table_constraints WHERE table_schema = CURRENT_SCHEMA AND table_name = '" + table
                    + "' AND constraint_type <> 'CHECK' ORDER BY constraint_name"));
        }
        assertThat(snapshot.get("accounts columns").toString()).contains("email_verified").contains("is_admin");
        return snapshot;
    }

    private List<String> tables() {
        return jdbi().withHandle(h -> h.createQuery("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = CURRENT_SCHEMA ORDER BY table_name").mapTo(String.class).list());
    }

    private Map<String, Object> rows(String sql) {
        Map<String, Object> rows = new LinkedHashMap<>();
        List<Map<String, Object>> list = jdbi().withHandle(h -> h.createQuery(sql).mapToMap().list());
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            list.get(i).forEach((column, value) -> row.put(column, String.valueOf(value)));
            rows.put(Integer.toString(i), row);
        }
        return rows;
    }

    private long count(String sql) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private Jdbi jdbi() {
        return Jdbi.create(database.dataSource());
    }
}
