package io.invitekit.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.http.HttpSettings;
import io.invitekit.adapter.http.InvitekitHttp;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.PostgresRateLimiter;
import io.invitekit.adapter.mail.ConsoleMailSender;
import io.invitekit.adapter.mail.MailRenderer;
import io.invitekit.adapter.mail.SmtpMailSender;
import io.invitekit.adapter.mail.SmtpSettings;
import io.invitekit.adapter.ratelimit.Bucket4jRateLimiter;
import io.invitekit.adapter.webhook.JettyWebhookSender;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.port.in.AccountUseCase.FirstAdmin;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.RateLimiter;
import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bundled server: configuration → ports → {@link Invitekit} → HTTP, plus the background jobs. */
public final class InvitekitServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvitekitServer.class);

    private final HikariDataSource dataSource;
    private final BackgroundJobs jobs;
    private final Javalin http;
    private final Invitekit kit;
    private final Tracing tracing;
    private final JettyWebhookSender webhooks;

    private InvitekitServer(HikariDataSource dataSource, BackgroundJobs jobs, Javalin http, Invitekit kit, Tracing tracing,
            JettyWebhookSender webhooks) {
        this.dataSource = dataSource;
        this.jobs = jobs;
        this.http = http;
        this.kit = kit;
        this.tracing = tracing;
        this.webhooks = webhooks;
    }

    /** No arguments: the server. Arguments: one command of the {@linkplain AdminCommandLine admin command line}. */
    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(AdminCommandLine.run(args, System.getenv()));
            return;
        }
        Configuration configuration;
        try {
            configuration = Configuration.fromEnvironment();
        } catch (ConfigurationException bad) {
            System.err.println("Invitekit cannot start: " + String.join("; ", bad.problems()));
            System.exit(2);
            return;
        }
        Logs.use(configuration.logFormat());
        InvitekitServer server;
        try {
            server = start(configuration);
        } catch (ConfigurationException bad) {
            System.err.println("Invitekit cannot start: " + bad.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "invitekit-shutdown"));
    }

    /** Starts everything; the returned server is running until {@link #close()}. */
    public static InvitekitServer start(Configuration configuration) {
        long started = System.nanoTime();
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        InvitekitSettings settings = configuration.applicationSettings();

        Tracing tracing = Tracing.from(configuration);
        HikariDataSource dataSource;
        try {
            dataSource = Databases.pool(configuration.databaseSettings());
        } catch (RuntimeException failed) {
            tracing.close();
            throw failed;
        }
        JettyWebhookSender webhooks = null;
        try {
            webhooks = new JettyWebhookSender(configuration.webhookSettings());
            if (configuration.webhookAllowPrivate()) {
                LOG.warn("INVITEKIT_WEBHOOK_ALLOW_PRIVATE=true: webhooks may reach loopback, private and link-local addresses");
            }
            JdbiStorage storage = JdbiStorage.migrateAndCreate(dataSource, configuration.tablePrefix());
            PostgresRateLimiter shared = configuration.rateLimitStore() == Configuration.RateLimitStore.DATABASE
                    ? PostgresRateLimiter.create(dataSource, storage.prefix())
                    : null;
            RateLimiter limiter = shared != null ? shared : Bucket4jRateLimiter.inMemory();
            // One registry: the kit's business counters and the HTTP adapter's meters, all on /metrics.
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Invitekit kit = Invitekit.builder()
                    .settings(settings)
                    .clock(clock)
                    .random(random)
                    .storage(TracedStorage.of(storage, tracing.observations()))
                    .mailSender(TracedMailSender.of(mailSender(configuration, clock), tracing.observations()))
                    .passwordHasher(new Argon2idPasswordHasher(configuration.argon2(), random))
                    .rateLimiter(limiter)
                    .secretKey(SecretKeyFile.resolve(configuration, java.nio.file.Path.of("").toAbsolutePath()))
                    .webhookSender(webhooks)
                    .businessMetrics(new MicrometerBusinessMetrics(registry))
                    .build();
            createFirstAdmin(kit, configuration);

            HttpSettings http = HttpSettings.defaults(() -> {
                        if (!storage.isAvailable()) { // SELECT 1: readiness asks only whether the database answers
                            throw new StoreUnavailableException("the database does not answer", null);
                        }
                    })
                    .withTrustedProxies(configuration.trustedProxies())
                    .withMetricsPublic(configuration.metricsPublic())
                    .withHstsSeconds(configuration.hstsSeconds())
                    .withBaseUrl(configuration.baseUrl());
            Javalin app = InvitekitHttp.create(kit, http, registry, tracing.observations(), config -> {
                config.jetty.threadPool = requestThreads(configuration.httpThreads());
                config.jetty.modifyServer(server -> server.setStopTimeout(20_000));
            });
            app.start(configuration.port());

            BackgroundJobs jobs = new BackgroundJobs(kit.delivery(), settings.outboxBatchSize(), settings.sweepBatchSize(),
                    settings.webhooks().batchSize(), shared != null ? shared::removeExpired : batch -> 0);
            jobs.start(configuration.relayInterval(), configuration.sweepInterval(), configuration.relayThreads());
            LOG.info("Invitekit listening on port {} ({}), ready in {} ms", app.port(), configuration,
                    (System.nanoTime() - started) / 1_000_000);
            return new InvitekitServer(dataSource, jobs, app, kit, tracing, webhooks);
        } catch (RuntimeException failed) {
            if (webhooks != null) {
                webhooks.close();
            }
            dataSource.close();
            tracing.close();
            throw failed;
        }
    }

    /** Jetty's request threads: at most {@code max}, 4 kept, the others stopped after 30 s idle. */
    static QueuedThreadPool requestThreads(int max) {
        QueuedThreadPool threads = new QueuedThreadPool(max, Math.min(4, max), 30_000);
        threads.setName("http");
        return threads;
    }

    private static MailSender mailSender(Configuration c, Clock clock) {
        // Each email in its recipient's language (or the one an admin chose), else the default's.
        MailRenderer renderer = new MailRenderer(c.applicationSettings().defaultLocale().toLocale());
        if (c.smtp().host() == null) {
            LOG.info("No INVITEKIT_SMTP_HOST: emails are written to this log instead of being sent");
            return new ConsoleMailSender(renderer);
        }
        SmtpSettings smtp = SmtpSettings.of(c.smtp().host(), c.smtp().port(), EmailAddress.of(c.mailFrom()), c.platformName())
                .withStartTls(c.smtp().startTls());
        if (c.smtp().user() != null) {
            smtp = smtp.withCredentials(c.smtp().user(), c.smtp().password());
        }
        return new SmtpMailSender(smtp, renderer, clock);
    }

    /**
     * SPEC §2.5: configured, or {@code admin@localhost} with a random password printed once. The
     * application makes exactly one, however many nodes start at once.
     */
    private static void createFirstAdmin(Invitekit kit, Configuration c) {
        Optional<FirstAdmin> created;
        try {
            created = kit.accounts().createFirstPlatformAdmin(c.adminEmail(), c.adminPassword());
        } catch (DomainException refused) {
            throw new ConfigurationException("INVITEKIT_ADMIN_EMAIL / INVITEKIT_ADMIN_PASSWORD: cannot create the first "
                    + "platform admin (" + refused.getMessage() + ")");
        }
        if (created.isEmpty()) {
            // Another node made it (perhaps a moment ago, from other settings), or an earlier start did.
            LOG.info("A platform admin exists already: INVITEKIT_ADMIN_EMAIL and INVITEKIT_ADMIN_PASSWORD are not used");
        }
        created.ifPresent(admin -> {
            LOG.info("Created the first platform admin {}", admin.email());
            if (admin.generatedPassword() != null) {
                // Printed, not logged: shown once on the console, never written to log files. With
                // JSON logs it goes to standard error, so that standard output stays one JSON object a line.
                PrintStream console = c.logFormat() == Configuration.LogFormat.JSON ? System.err : System.out;
                console.println();
                console.println("  First platform admin: " + admin.email());
                console.println("  Password (shown once): " + admin.generatedPassword());
                console.println();
                console.flush();
            }
        });
    }

    public int port() {
        return http.port();
    }

    public Invitekit invitekit() {
        return kit;
    }

    /** Whether spans go out ({@code INVITEKIT_OTLP_ENDPOINT}). */
    boolean tracing() {
        return tracing.enabled();
    }

    /**
     * Stops accepting, lets in-flight requests finish, stops the jobs and the webhook client, sends
     * the spans still waiting, closes the pool.
     */
    @Override
    public void close() {
        LOG.info("Invitekit stopping");
        http.stop();
        jobs.close();
        webhooks.close(); // after the jobs: the last delivery round has finished
        tracing.close();
        dataSource.close();
        LOG.info("Invitekit stopped");
    }
}
