package io.invitekit.adapter.jdbi;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the database is and how many connections to keep. {@code user} and {@code password} may
 * be null (H2's default user, PostgreSQL's trust authentication); {@link #toString()} hides the
 * password.
 */
public record DatabaseSettings(String url, String user, String password, int maximumPoolSize,
                               Duration connectionTimeout) {

    /**
     * The embedded default: a file-based H2 database under {@code ./data}, speaking PostgreSQL's
     * dialect so that one set of migrations serves both. Serves one process.
     */
    public static final String DEFAULT_URL =
            "jdbc:h2:file:./data/invitekit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:h2: or jdbc:postgresql:");
        }
        if (maximumPoolSize < 1) {
            throw new IllegalArgumentException("the pool keeps at least one connection");
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the connection timeout is at least 250 ms");
        }
    }

    /** The embedded default database, with the default pool. */
    public static DatabaseSettings defaults() {
        return of(DEFAULT_URL, null, null);
    }

    /** A database with the default pool size and connection timeout. */
    public static DatabaseSettings of(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, DEFAULT_MAXIMUM_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    public DatabaseSettings withPool(int size, Duration timeout) {
        return new DatabaseSettings(url, user, password, size, timeout);
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "redacted")
                + ", maximumPoolSize=" + maximumPoolSize + ", connectionTimeout=" + connectionTimeout + "]";
    }
}
