package io.invitekit.adapter.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Connection pools (HikariCP) for {@link JdbiStorage}. */
public final class Databases {
    private static final String H2 = "jdbc:h2:";
    /** How long the PostgreSQL driver waits for the TCP connection itself. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long the pool spends finding out that an idle connection is dead before it hands it out. */
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    private static final String DURABLE_COMMITS = "WRITE_DELAY=0";
    /**
     * H2's page cache for a database on disk, in KiB, unless the URL sets {@code CACHE_SIZE}. H2's own
     * default scales with the heap (64 MiB per GiB of {@code -Xmx}): the same data would get another
     * cache with every heap size. 8 MiB holds the hot rows of a single-node deployment's tables and
     * their indexes; the cache is Java heap, counted in the server's resident memory.
     */
    static final int CACHE_KIB = 8192;
    /** H2 file systems that keep the "file" in memory, or only read it: no commit of theirs reaches a disk. */
    private static final List<String> NOT_ON_DISK = List.of("mem:", "memfs:", "memlzf:", "niomemfs:", "niomemlzf:", "zip:");
    /** H2 file systems that wrap another one: {@code jdbc:h2:split:nio:./data/db}. */
    private static final List<String> WRAPPERS = List.of("split:", "nio:", "niomapped:", "async:", "retry:", "rec:");

    private Databases() {
    }

    /**
     * A pool for the database; for a file-based H2 database, creates its directory first. The
     * pool opens connections lazily, so it is built even while the database is down; calls then
     * fail as "store unavailable" until it is back, with no restart needed. Close it on shutdown.
     *
     * <p>On PostgreSQL nothing waits without a bound, so that a server that accepts connections
     * and then never answers is an outage, not a hang: the wait for a pooled connection
     * ({@code connectionTimeout}, plus at most {@link #VALIDATION_TIMEOUT} to find an idle one
     * dead), a statement on the server ({@code statement_timeout}), and the driver's wait for any
     * answer on an open connection ({@code socketTimeout}) or while logging in ({@code
     * loginTimeout}, {@code connectTimeout}). A connection whose read timed out is broken: the
     * driver closes it and the pool drops it, and opens new ones once the server answers again.
     * Parameters the URL sets itself ({@code socketTimeout=…}, {@code options=-c
     * statement_timeout=…}) win over these.
     *
     * <p>An H2 database on disk commits durably, see {@link #withDurableCommits(String)}.
     */
    public static HikariDataSource pool(DatabaseSettings settings) {
        h2Directory(settings.url()).ifPresent(Databases::createDirectory);
        HikariConfig config = new HikariConfig();
        config.setPoolName("invitekit");
        config.setJdbcUrl(withCacheSize(withDurableCommits(settings.url())));
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.max(250, Math.min(VALIDATION_TIMEOUT.toMillis(),
                settings.connectionTimeout().toMillis() / 2)));
        config.setInitializationFailTimeout(-1);
        if (settings.isH2()) {
            // H2 gives up waiting for a row lock after 2 s by default; joins queued on one tenant row may wait longer.
            config.setConnectionInitSql("SET LOCK_TIMEOUT 10000");
        } else {
            boundPostgresWaits(config, settings);
        }
        return new HikariDataSource(config);
    }

    /** The driver's defaults wait forever for a server that took the connection and then says nothing. */
    private static void boundPostgresWaits(HikariConfig config, DatabaseSettings settings) {
        String socketSeconds = Long.toString(settings.socketTimeout().toSeconds());
        config.addDataSourceProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("loginTimeout", socketSeconds);
        config.addDataSourceProperty("socketTimeout", socketSeconds);
        if (!settings.url().toLowerCase(Locale.ROOT).contains("statement_timeout")) {
            // Ends a slow statement (a long lock wait, say) on the server, before the socket timeout
            // gives up on the connection and leaves the statement running there.
            config.setConnectionInitSql("SET statement_timeout = " + settings.statementTimeout().toMillis());
        }
    }

    /**
     * The URL with {@code WRITE_DELAY=0} added when it names an H2 database kept on disk (locally
     * or behind an H2 server) and does not choose a write delay itself. H2's default (500 ms)
     * batches commits in memory: a commit answered to a client is lost if the process dies within
     * the delay. With 0, H2 writes each commit to the file before the commit returns (it does not
     * fsync it: see README, "Durability"). In-memory databases and other databases: unchanged.
     */
    static String withDurableCommits(String url) {
        if (!url.startsWith(H2)) {
            return url;
        }
        int options = url.indexOf(';');
        String location = (options < 0 ? url.substring(H2.length()) : url.substring(H2.length(), options))
                .toLowerCase(Locale.ROOT);
        String settings = options < 0 ? "" : url.substring(options + 1);
        if (!keptOnDisk(location) || setsWriteDelay(settings)) {
            return url;
        }
        return url + (url.endsWith(";") ? "" : ";") + DURABLE_COMMITS;
    }

    /**
     * The URL with {@code CACHE_SIZE=}{@value #CACHE_KIB} added when it names an H2 database kept on
     * disk and does not size the cache itself. Other URLs: unchanged.
     */
    static String withCacheSize(String url) {
        if (!url.startsWith(H2)) {
            return url;
        }
        int options = url.indexOf(';');
        String location = (options < 0 ? url.substring(H2.length()) : url.substring(H2.length(), options))
                .toLowerCase(Locale.ROOT);
        String settings = options < 0 ? "" : url.substring(options + 1);
        if (!keptOnDisk(location) || sets(settings, "CACHE_SIZE")) {
            return url;
        }
        return url + (url.endsWith(";") ? "" : ";") + "CACHE_SIZE=" + CACHE_KIB;
    }

    /** {@code location}: what follows {@code jdbc:h2:} up to the first {@code ;}, in lower case. */
    private static boolean keptOnDisk(String location) {
        String name = location;
        if (name.startsWith("tcp:") || name.startsWith("ssl:")) {
            // tcp://host[:port][,host2[:port]]/name: the server keeps the database; the name says where.
            String server = name.substring("tcp:".length());
            server = server.startsWith("//") ? server.substring(2) : server;
            int slash = server.indexOf('/');
            name = slash < 0 ? "" : server.substring(slash + 1);
        }
        if (name.equals(".") || name.isEmpty()) {
            return false; // jdbc:h2:. is H2's unnamed in-memory database
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        boolean unwrapped;
        do {
            unwrapped = false;
            for (String wrapper : WRAPPERS) {
                if (name.startsWith(wrapper)) {
                    name = name.substring(wrapper.length());
                    unwrapped = true;
                }
            }
        } while (unwrapped);
        String rest = name;
        return NOT_ON_DISK.stream().noneMatch(rest::startsWith);
    }

    /** Whether one of the {@code key=value} settings is WRITE_DELAY (H2 reads keys in any case). */
    private static boolean setsWriteDelay(String settings) {
        return sets(settings, "WRITE_DELAY");
    }

    /** Whether one of the {@code key=value} settings is {@code key} (H2 reads keys in any case). */
    private static boolean sets(String settings, String key) {
        for (String setting : settings.split(";")) {
            int equals = setting.indexOf('=');
            if (equals > 0 && setting.substring(0, equals).strip().equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
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
