package io.invitekit.example.hostapp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the host on port 7070 over an H2 database in {@code ./data}, with three demo users, and
 * prints every email it sends. {@code HOST_APP_PORT} and {@code HOST_APP_DB_URL} change the port
 * and the database.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    static final String DEMO_PASSWORD = "demo password";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("HOST_APP_PORT", "7070"));
        Files.createDirectories(Path.of("data"));
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(env("HOST_APP_DB_URL", "jdbc:h2:file:./data/host-app;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"));
        HikariDataSource dataSource = new HikariDataSource(pool);

        Mailbox mailbox = new Mailbox(m -> System.out.printf("%n--- mail to %s: %s%n%s---%n", m.to(), m.subject(), m.text()));
        HostApp app = HostApp.create(dataSource, HostApp.Options.defaults(URI.create("http://localhost:" + port)), mailbox);
        demoUser(app, "admin@host.test", "Ada Admin", true, true);
        demoUser(app, "owner@example.org", "Grace Owner", true, false);
        demoUser(app, "friend@example.org", "Frank Friend", true, false);

        // The host's scheduler drives Invitekit's outbox and expiry sweeper.
        ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor();
        jobs.scheduleWithFixedDelay(() -> quietly(() -> app.kit().delivery().relayOnce()), 1, 1, TimeUnit.SECONDS);
        jobs.scheduleWithFixedDelay(() -> quietly(() -> app.kit().delivery().sweepExpiredOnce()), 60, 60, TimeUnit.SECONDS);

        app.start("localhost", port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            jobs.shutdownNow();
            app.close();
            dataSource.close();
        }));
        System.out.printf("Host app on http://localhost:%d (users admin@host.test, owner@example.org, "
                + "friend@example.org; password \"%s\")%n", app.port(), DEMO_PASSWORD);
    }

    private static void demoUser(HostApp app, String email, String name, boolean verified, boolean admin) {
        if (app.accounts().byEmail(email).isEmpty()) {
            app.accounts().register(email, name, DEMO_PASSWORD, verified, admin);
        }
    }

    private static void quietly(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException failure) {
            LOG.warn("background job failed; it runs again on its next turn", failure);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
