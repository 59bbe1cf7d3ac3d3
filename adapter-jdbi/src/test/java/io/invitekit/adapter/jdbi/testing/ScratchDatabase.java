package io.invitekit.adapter.jdbi.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * An empty database of its own for one test, nothing migrated: an in-memory H2 database in
 * PostgreSQL mode, or a fresh schema in the test PostgreSQL (skipped without
 * {@value TestDatabase#PG_URL_VARIABLE}). Closing it drops it.
 */
public final class ScratchDatabase implements AutoCloseable {
    private final TestDatabase.Kind kind;
    private final String baseUrl;
    private final String schema;
    private final String url;
    private final HikariDataSource pool;

    private ScratchDatabase(TestDatabase.Kind kind, String baseUrl, String schema, String url) {
        this.url = url;
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.schema = schema;
        this.pool = Databases.pool(DatabaseSettings.of(url).withPool(4, Duration.ofSeconds(20)));
    }

    public static ScratchDatabase of(TestDatabase.Kind kind) throws SQLException {
        if (kind == TestDatabase.Kind.H2) {
            String noServer = null;
            String noSchema = null;
            return new ScratchDatabase(kind, noServer, noSchema, TestDatabase.freshH2Url());
        }
        String base = TestDatabase.requirePostgresUrl();
        String schema = "sc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(base, "CREATE SCHEMA " + schema);
        return new ScratchDatabase(kind, base, schema,
                base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    public TestDatabase.Kind kind() {
        return kind;
    }

    /** Its URL, for pools of other "nodes": close them before this. */
    public String url() {
        return url;
    }

    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public void close() throws SQLException {
        if (kind == TestDatabase.Kind.H2) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException closedUnderneath) {
                // expected: H2 closes the connection that shut it down
            }
        }
        pool.close();
        if (schema != null) {
            execute(baseUrl, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
