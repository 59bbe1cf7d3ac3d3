package io.invitekit.example.hostapp;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.invitekit.adapter.http.InvitekitPlugin;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * A host application that embeds Invitekit: its own users, sessions, log-in, Flyway history,
 * JSON and error pages, and Invitekit's API mounted under {@code /invitekit} in the same Javalin,
 * on the same database, trusting the host's session.
 */
public final class HostApp implements AutoCloseable {
    /** Where Invitekit's API is mounted. */
    public static final String INVITEKIT_PATH = "/invitekit";

    /**
     * @param baseUrl         where the host is reached: the invitation links point at its acceptance page
     * @param platformName    the name in Invitekit's emails
     * @param passwordCost    Argon2id's cost for the host's passwords
     * @param sessionLifetime how long a log-in lasts
     */
    public record Options(URI baseUrl, String platformName, Passwords.Cost passwordCost, Duration sessionLifetime) {
        public Options {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(platformName, "platformName");
            Objects.requireNonNull(passwordCost, "passwordCost");
            Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        }

        public static Options defaults(URI baseUrl) {
            return new Options(baseUrl, "Host App", Passwords.Cost.RECOMMENDED, Duration.ofHours(12));
        }

        public Options withPasswordCost(Passwords.Cost cost) {
            return new Options(baseUrl, platformName, cost, sessionLifetime);
        }
    }

    private final Invitekit kit;
    private final Accounts accounts;
    private final Mailbox mailbox;
    private final Javalin javalin;

    private HostApp(Invitekit kit, Accounts accounts, Mailbox mailbox, Javalin javalin) {
        this.kit = kit;
        this.accounts = accounts;
        this.mailbox = mailbox;
        this.javalin = javalin;
    }

    /**
     * Brings both schemas up to date: the host's own migrations first (Flyway's defaults:
     * {@code db/migration}, {@code flyway_schema_history}), then Invitekit's beside them (its own
     * scripts and {@code invitekit_schema_history}). The host's go first: on an empty database,
     * the host's Flyway would otherwise find a schema that is not empty and refuse to start.
     */
    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbiStorage.migrate(dataSource);
    }

    /** Migrates, then assembles the host and Invitekit on one database; nothing listens yet. */
    public static HostApp create(DataSource dataSource, Options options, Mailbox mailbox) {
        migrate(dataSource);
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        Jdbi jdbi = Jdbi.create(dataSource); // the host's own Jdbi, shared with Invitekit

        Accounts accounts = new Accounts(jdbi, new Passwords(options.passwordCost(), random), clock);
        Sessions sessions = new Sessions(jdbi, random, clock, options.sessionLifetime());
        SessionCookie cookie = new SessionCookie(sessions, "https".equals(options.baseUrl().getScheme()),
                options.sessionLifetime());

        Invitekit kit = Invitekit.builder()
                .storage(JdbiStorage.create(jdbi))
                .mailSender(mailbox)
                .userDirectory(new HostUserDirectory(accounts)) // and no passwordHasher: no Invitekit accounts
                .settings(InvitekitSettings.defaults().toBuilder()
                        .platformName(options.platformName())
                        .baseUrl(options.baseUrl())
                        .invitationLinkTemplate("{baseUrl}/accept-invitation?token={token}")
                        .build())
                .clock(clock)
                .random(random)
                .build();

        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE).build(), false));
            new HostRoutes(accounts, sessions, cookie).register(config.routes);
            config.registerPlugin(new InvitekitPlugin(kit, invitekit -> {
                invitekit.path = INVITEKIT_PATH;
                invitekit.authentication = new InvitekitBridge(cookie);
            }));
        });
        return new HostApp(kit, accounts, mailbox, javalin);
    }

    /** Listens on {@code host}:{@code port} (0: any free port). */
    public HostApp start(String host, int port) {
        javalin.start(host, port);
        return this;
    }

    public int port() {
        return javalin.port();
    }

    /** Invitekit's use cases, for the host's scheduler ({@code delivery()}) and its own code. */
    public Invitekit kit() {
        return kit;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    /** Stops listening; the data source is the caller's to close. */
    @Override
    public void close() {
        javalin.stop();
    }
}
