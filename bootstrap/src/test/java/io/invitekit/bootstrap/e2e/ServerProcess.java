package io.invitekit.bootstrap.e2e;

import io.invitekit.bootstrap.process.ServerNode;
import java.nio.file.Files;
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

/** The fat jar as its own process, on a fresh H2 file or a fresh PostgreSQL schema, with GreenMail as SMTP. */
final class ServerProcess extends ServerNode {
    static final String ADMIN_EMAIL = "root@acme.test";
    static final String ADMIN_PASSWORD = "a long admin password";

    private final Runnable cleanup;

    private ServerProcess(Started started, Runnable cleanup) {
        super(started);
        this.cleanup = cleanup;
    }

    enum Database { H2, POSTGRES }

    /** Starts the jar against a fresh database and waits (with a deadline) until it is ready. */
    static ServerProcess start(Database database, int smtpPort, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("INVITEKIT_BASE_URL", "https://app.acme.test");
        env.put("INVITEKIT_PLATFORM_NAME", "Acme Cloud");
        env.put("INVITEKIT_PLATFORM_DOMAIN", "acme.test");
        env.put("INVITEKIT_SMTP_HOST", "127.0.0.1");
        env.put("INVITEKIT_SMTP_PORT", Integer.toString(smtpPort));
        env.put("INVITEKIT_MAIL_FROM", "invites@acme.test");
        env.put("INVITEKIT_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("INVITEKIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("INVITEKIT_RELAY_INTERVAL_MILLIS", "100");
        Runnable cleanup = () -> { };
        if (database == Database.POSTGRES) {
            String pg = System.getenv("INVITEKIT_TEST_PG_URL");
            String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute(pg, "CREATE SCHEMA " + schema);
            env.put("INVITEKIT_DB_URL", pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            env.put("INVITEKIT_RATE_LIMIT_STORE", "database");
            cleanup = () -> execute(pg, "DROP SCHEMA " + schema + " CASCADE");
        } else {
            Path db = Files.createTempDirectory(Path.of("target"), "e2e-db-").toAbsolutePath().resolve("db");
            env.put("INVITEKIT_DB_URL", "jdbc:h2:file:" + db + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        }
        env.putAll(extra);
        ServerProcess server = new ServerProcess(startJar("e2e", List.of(), env), cleanup);
        server.awaitReady(Duration.ofSeconds(90));
        return server;
    }

    /** Kills what is left and drops the schema. */
    @Override
    public void close() {
        if (isAlive()) {
            try {
                kill();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        cleanup.run();
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
