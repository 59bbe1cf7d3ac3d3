package io.invitekit.example.hostapp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * An empty database for one test: an in-memory H2 database in PostgreSQL mode, or a fresh schema
 * in the PostgreSQL that {@value #PG_URL_VARIABLE} names (dropped on close). Without that
 * variable the PostgreSQL tests are skipped; with it, an unreachable database fails them.
 */
final class TestDatabase implements AutoCloseable {
    static final String PG_URL_VARIABLE = "INVITEKIT_TEST_PG_URL";

    enum Kind { H2, POSTGRES }

    private final Kind kind;
    private final String baseUrl;
    private final String schema;
    private final HikariDataSource pool;

    private TestDatabase(Kind kind, String baseUrl, String schema, String url) {
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.schema = schema;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(8);
        this.pool = new HikariDataSource(config);
    }

    static TestDatabase of(Kind kind) throws SQLException {
        if (kind == Kind.H2) {
            String noServer = null;
            String noSchema = null;
            return new TestDatabase(kind, noServer, noSchema, "jdbc:h2:mem:host_" + UUID.randomUUID().toString().replace("-", "")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        String base = System.getenv(PG_URL_VARIABLE);
        if ((base == null || base.isBlank()) && "true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("CI=true, so the PostgreSQL tests must run, but " + PG_URL_VARIABLE + " is not set");
        }
        assumeTrue(base != null && !base.isBlank(), PG_URL_VARIABLE + " is not set: PostgreSQL tests skipped");
        String schema = "host_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(base, "CREATE SCHEMA " + schema);
        return new TestDatabase(kind, base, schema, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    Kind kind() {
        return kind;
    }

    HikariDataSource dataSource() {
        return pool;
    }

    @Override
    public void close() throws SQLException {
        if (kind == Kind.H2) {
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
