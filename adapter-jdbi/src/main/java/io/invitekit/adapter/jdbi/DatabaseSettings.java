package io.invitekit.adapter.jdbi;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the database is, how many connections to keep and how long to wait for it. {@code user}
 * and {@code password} may be null (H2's default user, PostgreSQL's trust authentication);
 * {@link #toString()} hides the password.
 *
 * <p>{@code connectionTimeout} bounds the wait for a connection from the pool. On PostgreSQL,
 * {@code statementTimeout} bounds one statement on the server ({@code statement_timeout}), and
 * the driver gives up on a server that does not answer at all {@link #SOCKET_TIMEOUT_MARGIN}
 * later ({@link #socketTimeout()}), so that a database that hangs is an outage, not a hang.
 */
public record DatabaseSettings(String url, String user, String password, int maximumPoolSize,
                               Duration connectionTimeout, Duration statementTimeout) {

    /**
     * The embedded default: a file-based H2 database under {@code ./data}, speaking PostgreSQL's
     * dialect so that one set of migrations serves both. Serves one process.
     */
    public static final String DEFAULT_URL =
            "jdbc:h2:file:./data/invitekit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(4);
    /** How much longer than a statement may run the driver waits for the server's answer. */
    public static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(2);

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:h2: or jdbc:postgresql:");
        }
        if (maximumPoolSize < 1) {
            throw new IllegalArgumentException("the pool keeps at least one connection");
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the connection timeout is at least 250 ms");
        }
        if (statementTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("the statement timeout is at least 1 ms");
        }
    }

    /** The embedded default database, with the default pool. */
    public static DatabaseSettings defaults() {
        return of(DEFAULT_URL);
    }

    /** A database whose URL says everything (or needs no user), with the default pool size and timeouts. */
    public static DatabaseSettings of(String url) {
        return new DatabaseSettings(url, null, null, DEFAULT_MAXIMUM_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_STATEMENT_TIMEOUT);
    }

    /** A database with the default pool size and timeouts. */
    public static DatabaseSettings of(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, DEFAULT_MAXIMUM_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_STATEMENT_TIMEOUT);
    }

    public DatabaseSettings withPool(int size, Duration timeout) {
        return new DatabaseSettings(url, user, password, size, timeout, statementTimeout);
    }

    /** For work with statements that run long on purpose (bulk loads); requests want the default. */
    public DatabaseSettings withStatementTimeout(Duration timeout) {
        return new DatabaseSettings(url, user, password, maximumPoolSize, connectionTimeout, timeout);
    }

    /**
     * How long the PostgreSQL driver waits for an answer on an open connection: the statement
     * timeout and {@link #SOCKET_TIMEOUT_MARGIN}, in whole seconds (the driver counts seconds).
     */
    public Duration socketTimeout() {
        long millis = statementTimeout.plus(SOCKET_TIMEOUT_MARGIN).toMillis();
        return Duration.ofSeconds((millis + 999) / 1000);
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "redacted")
                + ", maximumPoolSize=" + maximumPoolSize + ", connectionTimeout=" + connectionTimeout
                + ", statementTimeout=" + statementTimeout + "]";
    }
}
