package io.invitekit.adapter.jdbi.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.TablePrefix;
import io.invitekit.adapter.jdbi.internal.JdbiSetup;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A migrated database of its own for one test class, emptied before each test: an in-memory H2
 * database in PostgreSQL mode, or a fresh schema in the PostgreSQL that {@value #PG_URL_VARIABLE}
 * points at (dropped at the end). Without that variable the PostgreSQL classes are skipped; with
 * it, they run, and a database that cannot be reached fails them.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    public static final String PG_URL_VARIABLE = "INVITEKIT_TEST_PG_URL";

    /** Children first, so that deleting never trips a foreign key. */
    private static final List<String> TABLES = Stream.of("webhook_deliveries", "webhook_endpoints", "memberships", "member_invitations", "join_codes", "tenant_domains",
            "subdomain_claims", "tenants", "tenant_invitations", "outbox_messages", "audit_events", "sessions", "password_resets", "email_verifications", "accounts",
            "bucket", "bootstrap_markers", "owned_tenant_counts").map(TablePrefix.DEFAULT::table).toList();

    public enum Kind { H2, POSTGRES }

    private final Kind kind;
    private final int poolSize;
    private boolean emptyBeforeEach = true;
    private Duration statementTimeout = DatabaseSettings.DEFAULT_STATEMENT_TIMEOUT;
    private HikariDataSource pool;
    private JdbiStorage storage;
    private Jdbi jdbi;
    private String url;
    private String pgUrl;
    private String schema;

    private TestDatabase(Kind kind, int poolSize) {
        this.kind = kind;
        this.poolSize = poolSize;
    }

    public static TestDatabase h2() {
        return new TestDatabase(Kind.H2, 12);
    }

    public static TestDatabase postgres() {
        return new TestDatabase(Kind.POSTGRES, 12);
    }

    /** Keeps the rows from one test to the next: for a class that loads a large data set once. */
    public TestDatabase keepingRowsBetweenTests() {
        emptyBeforeEach = false;
        return this;
    }

    /** Lifts the statement timeout meant for requests: for a class that loads a large data set in one statement. */
    public TestDatabase allowingLongStatements() {
        statementTimeout = Duration.ofMinutes(10);
        return this;
    }

    /** The base URL of the test PostgreSQL; skips the calling test class when none is configured. */
    public static String requirePostgresUrl() {
        String url = System.getenv(PG_URL_VARIABLE);
        if ((url == null || url.isBlank()) && "true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("CI=true, so the PostgreSQL tests must run, but " + PG_URL_VARIABLE + " is not set");
        }
        assumeTrue(url != null && !url.isBlank(), PG_URL_VARIABLE + " is not set: PostgreSQL tests skipped");
        return url;
    }

    public static String freshH2Url() {
        return "jdbc:h2:mem:it_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        if (kind == Kind.POSTGRES) {
            pgUrl = requirePostgresUrl();
            schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
            try (Connection connection = DriverManager.getConnection(pgUrl); Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } else {
            url = freshH2Url();
        }
        pool = Databases.pool(DatabaseSettings.of(url).withPool(poolSize, Duration.ofSeconds(20))
                .withStatementTimeout(statementTimeout));
        storage = JdbiStorage.migrateAndCreate(pool);
        jdbi = invitekitJdbi(pool);
    }

    /**
     * Plain Jdbi with Invitekit's set-up and the default prefix defined, so that
     * SQL copied from the adapters ({@code FROM <prefix>accounts}) runs as it is.
     */
    public static Jdbi invitekitJdbi(DataSource dataSource) {
        return JdbiSetup.create(dataSource, TablePrefix.DEFAULT.value());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!emptyBeforeEach) {
            return;
        }
        jdbi.useTransaction(handle -> TABLES.forEach(table -> handle.execute("DELETE FROM " + table)));
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (pool != null) {
            if (kind == Kind.H2) {
                try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN"); // frees the in-memory database; the connection dies with it
                } catch (SQLException closedUnderneath) {
                    // expected: H2 closes the connection that shut it down
                }
            }
            pool.close();
        }
        if (schema != null) {
            try (Connection connection = DriverManager.getConnection(pgUrl); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The JDBC URL of this class's database (its schema, on PostgreSQL). */
    public String url() {
        return url;
    }

    public JdbiStorage storage() {
        return storage;
    }

    public HikariDataSource dataSource() {
        return pool;
    }

    /** Plain Jdbi on the same database, for looking at rows the ports do not show. */
    public Jdbi jdbi() {
        return jdbi;
    }

    public long count(String sql, Object... arguments) {
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }
}
