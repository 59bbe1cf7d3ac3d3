package io.invitekit.adapter.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Connection pools (HikariCP) for {@link JdbiStorage}. */
public final class Databases {
    private static final String H2 = "jdbc:h2:";

    private Databases() {
    }

    /**
     * A pool for the database; for a file-based H2 database, creates its directory first. The
     * pool opens connections lazily, so it is built even while the database is down; calls then
     * fail as "store unavailable" until it is back, with no restart needed. Close it on shutdown.
     */
    public static HikariDataSource pool(DatabaseSettings settings) {
        h2Directory(settings.url()).ifPresent(Databases::createDirectory);
        HikariConfig config = new HikariConfig();
        config.setPoolName("invitekit");
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setInitializationFailTimeout(-1);
        if (settings.isH2()) {
            // H2 gives up waiting for a row lock after 2 s by default; joins queued on one tenant row may wait longer.
            config.setConnectionInitSql("SET LOCK_TIMEOUT 10000");
        }
        return new HikariDataSource(config);
    }

    /** The directory of a file-based H2 database ({@code jdbc:h2:file:./data/invitekit;…} → {@code ./data}). */
    static Optional<Path> h2Directory(String url) {
        if (!url.startsWith(H2)) {
            return Optional.empty();
        }
        String location = url.substring(H2.length());
        int options = location.indexOf(';');
        if (options >= 0) {
            location = location.substring(0, options);
        }
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:") || lower.startsWith("zip:")) {
            return Optional.empty();
        }
        if (lower.startsWith("file:")) {
            location = location.substring("file:".length());
        } else if (lower.startsWith("split:") || lower.startsWith("nio")) {
            return Optional.empty();
        }
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        Path parent = Path.of(location).toAbsolutePath().normalize().getParent();
        return Optional.ofNullable(parent);
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot create the database directory " + directory, failure);
        }
    }
}
