package io.invitekit.adapter.jdbi.failure;

import static io.invitekit.adapter.jdbi.testing.Fixtures.account;
import static io.invitekit.adapter.jdbi.testing.Fixtures.email;
import static io.invitekit.adapter.jdbi.testing.Fixtures.plainTenant;
import static io.invitekit.adapter.jdbi.testing.Fixtures.subdomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.internal.MigrationConnections;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.domain.account.Account;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FailureTranslationPostgresTest extends FailureTranslation {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }

    @Override
    protected String unreachableUrl(int closedPort) {
        return "jdbc:postgresql://127.0.0.1:" + closedPort + "/test?user=postgres&connectTimeout=1";
    }

    @Test
    void a_statement_that_outlasts_the_statement_timeout_is_store_unavailable_and_the_connection_serves_on() throws Exception {
        Account account = account(email("slow"));
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(DATABASE.url())
                .withPool(1, Duration.ofSeconds(20)).withStatementTimeout(Duration.ofMillis(300)));
             TableLock lock = TableLock.on("invitekit_accounts")) {
            JdbiStorage storage = JdbiStorage.create(pool);

            // Waits for the lock until the server cancels it (SQLState 57014).
            assertThatThrownBy(() -> storage.accounts().byEmail(account.email()))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("57014");
            lock.release();

            storage.accounts().add(account); // the one pooled connection, still good
            assertThat(storage.accounts().byEmail(account.email())).contains(account);
        }
    }

    @Test
    void a_server_that_stops_answering_in_a_transaction_is_store_unavailable_by_the_socket_timeout() throws Exception {
        Account account = account(email("unanswered"));
        // The URL turns the server's statement timeout off, so the wait only ends by the driver's
        // socket timeout (0.5 s + 2 s, rounded up: 3 s), as when the server does not answer at all.
        String url = DATABASE.url() + "&options=-c%20statement_timeout%3D0";
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(url)
                .withPool(2, Duration.ofSeconds(20)).withStatementTimeout(Duration.ofMillis(500)));
             TableLock lock = TableLock.on("invitekit_memberships")) {
            JdbiStorage storage = JdbiStorage.create(pool);

            assertThatThrownBy(() -> storage.transactions().run(() -> {
                storage.accounts().add(account);
                storage.memberships().count(plainTenant(subdomain("locked")).id());
            })).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("cannot be reached");
            lock.release();

            assertThat(DATABASE.storage().accounts().byId(account.id())).as("rolled back").isEmpty();
            storage.accounts().add(account); // the pool dropped the broken connection and opens another
            assertThat(storage.accounts().byEmail(account.email())).contains(account);
        }
    }

    @Test
    void a_server_that_accepts_connections_and_never_answers_is_store_unavailable() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HikariDataSource pool = Databases.pool(DatabaseSettings.of("jdbc:postgresql://127.0.0.1:"
                     + silent.getLocalPort() + "/test?user=postgres").withPool(2, Duration.ofMillis(500)))) {
            // Connections are accepted by the kernel's backlog and never answered.
            assertThatThrownBy(() -> JdbiStorage.create(pool))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("cannot be reached");
            assertThatThrownBy(() -> JdbiStorage.migrate(pool)).isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void migrations_run_without_the_timeouts_of_requests_and_give_them_back() throws Exception {
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(DATABASE.url())
                .withPool(1, Duration.ofSeconds(20)).withStatementTimeout(Duration.ofMillis(200)))) {
            DataSource migrations = MigrationConnections.of(pool);
            try (Connection connection = migrations.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_sleep(0.6)"); // longer than requests may take
                assertThat(connection.getNetworkTimeout()).isGreaterThanOrEqualTo(60_000);
            }
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                assertThat(connection.getNetworkTimeout()).isEqualTo(3_000);
                try (ResultSet timeout = statement.executeQuery("SHOW statement_timeout")) {
                    timeout.next();
                    assertThat(timeout.getString(1)).isEqualTo("200ms");
                }
                assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(0.6)"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            }
        }
    }

    /** An ACCESS EXCLUSIVE lock on a table, held by a transaction of its own until released. */
    private static final class TableLock implements AutoCloseable {
        private final Connection connection;

        private TableLock(Connection connection) {
            this.connection = connection;
        }

        static TableLock on(String table) throws SQLException {
            Connection connection = DriverManager.getConnection(DATABASE.url());
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
            return new TableLock(connection);
        }

        void release() throws SQLException {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        }

        @Override
        public void close() throws SQLException {
            release();
        }
    }

    @Test
    void a_connection_killed_in_the_middle_of_a_transaction_is_store_unavailable_and_leaves_nothing() {
        String applicationName = "invitekit-killed-" + UUID.randomUUID();
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(
                DATABASE.url() + "&ApplicationName=" + applicationName))) {
            JdbiStorage storage = JdbiStorage.create(pool);
            Account first = account(email("killed"));
            Account second = account(email("killed"));

            assertThatThrownBy(() -> storage.transactions().run(() -> {
                storage.accounts().add(first);
                long killed = DATABASE.count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM "
                        + "pg_stat_activity WHERE application_name = ?) terminated", applicationName);
                assertThat(killed).isPositive();
                storage.accounts().add(second);
            })).isInstanceOf(StoreUnavailableException.class);

            assertThat(DATABASE.storage().accounts().byId(first.id())).isEmpty();
            assertThat(DATABASE.storage().accounts().byId(second.id())).isEmpty();
            // The pool replaces the dead connection: the same storage works again.
            storage.accounts().add(second);
            assertThat(DATABASE.storage().accounts().byId(second.id())).contains(second);
        }
    }
}
