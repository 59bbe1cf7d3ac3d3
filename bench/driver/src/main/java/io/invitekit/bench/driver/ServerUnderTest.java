package io.invitekit.bench.driver;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Invitekit fat jar as the bench runs it: on H2 (the default file) or in a fresh PostgreSQL schema. */
final class ServerUnderTest implements AutoCloseable {
    private final Bench.Setup setup;
    private final String store;
    private final Path dir;
    private final int port;
    private final Map<String, String> env = new HashMap<>();
    private final String pgBase;
    private final String schema;
    private JavaProcess process;

    ServerUnderTest(Bench.Setup setup, String store, String pgBase, int smtpPort, Map<String, String> extra) throws IOException {
        this.setup = setup;
        this.store = store;
        this.dir = setup.work().resolve("server-" + store.toLowerCase());
        this.port = freePort();
        this.pgBase = pgBase;
        this.schema = pgBase == null ? null : "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        env.put("INVITEKIT_PORT", Integer.toString(port));
        env.put("INVITEKIT_BASE_URL", "http://127.0.0.1:" + port);
        env.put("INVITEKIT_SMTP_HOST", "127.0.0.1");
        env.put("INVITEKIT_SMTP_PORT", Integer.toString(smtpPort));
        env.put("INVITEKIT_ADMIN_EMAIL", Api.ADMIN_EMAIL);
        env.put("INVITEKIT_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        // As behind a reverse proxy: wrk's requests come from many client addresses (X-Forwarded-For).
        env.put("INVITEKIT_TRUSTED_PROXIES", "127.0.0.1");
        // Families without a member limit, so that every bench user may join the one family.
        env.put("INVITEKIT_DEFAULT_TENANT_TIER", "ENTERPRISE");
        if (pgBase != null) {
            sql(pgBase, "CREATE SCHEMA " + schema);
            env.put("INVITEKIT_DB_URL", jdbcUrl());
        } // else the default: an H2 file under ./data of the working directory
        env.putAll(extra);
    }

    String jdbcUrl() {
        return pgBase + (pgBase.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Sets a variable for the next {@link #start()}, or with {@code null} removes it. */
    void env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the jar; returns the time from launch to the first 200 from /health/ready. */
    Duration start() throws Exception {
        process = JavaProcess.start("server", setup.jvmFlags(), List.of("-jar", setup.serverJar().toString()), env, dir);
        return process.awaitHttp200(base() + "/health/ready", Duration.ofSeconds(120));
    }

    long[] residentKib() throws IOException {
        return process.residentKib();
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        return process.log();
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        if (schema != null) {
            try {
                sql(pgBase, "DROP SCHEMA " + schema + " CASCADE");
            } catch (IllegalStateException e) {
                System.err.println("could not drop " + schema + ": " + e.getMessage());
            }
        }
    }

    static void sql(String url, String statement) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "Invitekit on " + store;
    }
}
