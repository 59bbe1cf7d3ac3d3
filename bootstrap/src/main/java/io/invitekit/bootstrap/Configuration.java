package io.invitekit.bootstrap;

import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.TablePrefix;
import io.invitekit.adapter.webhook.JettyWebhookSender;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.domain.invitation.InvitationPolicy;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Text;
import io.invitekit.domain.tenant.SubscriptionTier;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The server's settings, from environment variables (SPEC §5), optionally from a properties file
 * named by {@code INVITEKIT_CONFIG_FILE} (same keys; the environment wins). Every value is checked
 * here, so that a bad one stops start-up with a message naming its variable.
 */
public record Configuration(
        int port,
        URI baseUrl,
        String dbUrl,
        String dbUser,
        String dbPassword,
        Smtp smtp,
        String mailFrom,
        String platformName,
        String platformDomain,
        String adminEmail,
        String adminPassword,
        List<String> trustedProxies,
        int inviteCodeLength,
        int invitationTtlDays,
        Duration resendCooldown,
        int joinFailuresPerAccount,
        int joinFailuresPerAddress,
        SubscriptionTier defaultTenantTier,
        int maxTenantsPerUser,
        RateLimitStore rateLimitStore,
        boolean metricsPublic,
        Argon2 argon2,
        Duration relayInterval,
        Duration sweepInterval,
        Duration outboxLease,
        int relayThreads,
        int hstsSeconds,
        TablePrefix tablePrefix,
        boolean requireVerifiedEmail,
        String memberInvitationLinkTemplate,
        LogFormat logFormat,
        URI otlpEndpoint,
        byte[] secretKey,
        boolean webhookAllowPrivate,
        Duration webhookTimeout,
        int httpThreads) {

    public enum RateLimitStore { MEMORY, DATABASE }

    /**
     * The longest webhook request allowed: a round stops sending at half the delivery lease (2 min),
     * and one send (total timeout, plus at most 5 s to connect) must end before the lease does, or
     * another node would claim and send the delivery again.
     */
    static final int MAX_WEBHOOK_TIMEOUT_SECONDS = 55;

    /**
     * Jetty's request threads at most ({@code INVITEKIT_HTTP_THREADS}). Javalin's default is 250: every
     * thread Jetty starts under a burst keeps its stack and buffers until it has been idle a minute.
     * A request here either works on a core or waits for one of the database pool's 10 connections,
     * so more threads than connections plus a few add memory, not throughput. Jetty takes some of
     * them for itself (an acceptor, selectors, reserved threads), so at least 8.
     */
    static final int DEFAULT_HTTP_THREADS = 24;

    /** The length of {@code INVITEKIT_SECRET_KEY} once base64-decoded: an AES-256 key. */
    static final int SECRET_KEY_BYTES = 32;

    /**
     * {@code INVITEKIT_SECRET_KEY} decoded (a copy), or null when unset: the server then keeps a
     * key in a file ({@link SecretKeyFile}).
     */
    @Override
    public byte[] secretKey() {
        return secretKey == null ? null : secretKey.clone();
    }

    /** {@code INVITEKIT_LOG_FORMAT}: lines for people, or one JSON object per line for a log pipeline. */
    public enum LogFormat { TEXT, JSON }

    /** SMTP settings; {@code host == null} means the console sender. */
    public record Smtp(String host, int port, String user, String password, boolean startTls) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", user=" + user + ", startTls=" + startTls + "]";
        }
    }

    public record Argon2(int memoryKib, int iterations, int parallelism) {
    }

    /** The path OTLP/HTTP receivers take traces at, added to an {@code INVITEKIT_OTLP_ENDPOINT} given without one. */
    static final String OTLP_TRACES_PATH = "/v1/traces";

    public static Configuration fromEnvironment() {
        return from(System.getenv());
    }

    /** From these variables, plus the properties file one of them may name. */
    public static Configuration from(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        String file = environment.get("INVITEKIT_CONFIG_FILE");
        if (file != null && !file.isBlank()) {
            values.putAll(readProperties(Path.of(file)));
        }
        environment.forEach((k, v) -> {
            if (k.startsWith("INVITEKIT_")) {
                values.put(k, v);
            }
        });
        return new Values(values).read();
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigurationException("INVITEKIT_CONFIG_FILE: cannot read " + file + " (" + e.getMessage() + ")");
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /** The application settings these values give. */
    public InvitekitSettings applicationSettings() {
        InvitekitSettings defaults = InvitekitSettings.defaults();
        InvitationPolicy policy = defaults.invitationPolicy();
        return defaults.toBuilder()
                .platformName(platformName)
                .platformDomain(platformDomain)
                .baseUrl(baseUrl)
                .invitationPolicy(new InvitationPolicy(invitationTtlDays, policy.maxTtlDays(), policy.maxResends(),
                        resendCooldown))
                .inviteCodeLength(inviteCodeLength)
                .joinFailuresPerAccount(joinFailuresPerAccount)
                .joinFailuresPerAddress(joinFailuresPerAddress)
                .defaultTenantTier(defaultTenantTier)
                .maxTenantsPerUser(maxTenantsPerUser)
                .outboxLease(outboxLease)
                .requireVerifiedEmail(requireVerifiedEmail)
                .memberInvitationLinkTemplate(memberInvitationLinkTemplate)
                .build();
    }

    /**
     * How webhooks are sent: within {@code INVITEKIT_WEBHOOK_TIMEOUT_SECONDS} in all (connecting
     * within 5 s of it), and to private addresses only with {@code INVITEKIT_WEBHOOK_ALLOW_PRIVATE}.
     */
    public JettyWebhookSender.Settings webhookSettings() {
        JettyWebhookSender.Settings defaults = JettyWebhookSender.Settings.defaults();
        Duration connect = webhookTimeout.compareTo(defaults.connectTimeout()) < 0 ? webhookTimeout : defaults.connectTimeout();
        return defaults.withTimeouts(connect, webhookTimeout).withAllowPrivate(webhookAllowPrivate);
    }

    public DatabaseSettings databaseSettings() {
        return dbUrl == null ? DatabaseSettings.defaults() : DatabaseSettings.of(dbUrl, dbUser, dbPassword);
    }

    public boolean isPostgreSql() {
        return dbUrl != null && dbUrl.startsWith("jdbc:postgresql:");
    }

    /** Masks a secret in {@link #effective()}: whether it is set, never what it is. */
    static final String MASKED = "********";

    /**
     * The effective settings by variable name, defaults filled in, secrets masked (what
     * {@code check-config} prints). {@code INVITEKIT_CONFIG_FILE} is not among them: it only says
     * where some of these came from.
     */
    public Map<String, String> effective() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("INVITEKIT_PORT", Integer.toString(port));
        shown.put("INVITEKIT_BASE_URL", baseUrl.toString());
        shown.put("INVITEKIT_DB_URL", dbUrl == null ? DatabaseSettings.DEFAULT_URL + " (default)" : maskedUrl(dbUrl));
        shown.put("INVITEKIT_DB_USER", orUnset(dbUser));
        shown.put("INVITEKIT_DB_PASSWORD", dbPassword == null ? "(unset)" : MASKED);
        shown.put("INVITEKIT_DB_TABLE_PREFIX", tablePrefix.value());
        shown.put("INVITEKIT_SMTP_HOST", smtp.host() == null ? "(unset: emails are written to the log)" : smtp.host());
        shown.put("INVITEKIT_SMTP_PORT", Integer.toString(smtp.port()));
        shown.put("INVITEKIT_SMTP_USER", orUnset(smtp.user()));
        shown.put("INVITEKIT_SMTP_PASSWORD", smtp.password() == null ? "(unset)" : MASKED);
        shown.put("INVITEKIT_SMTP_STARTTLS", Boolean.toString(smtp.startTls()));
        shown.put("INVITEKIT_MAIL_FROM", mailFrom);
        shown.put("INVITEKIT_PLATFORM_NAME", platformName);
        shown.put("INVITEKIT_PLATFORM_DOMAIN", platformDomain);
        shown.put("INVITEKIT_ADMIN_EMAIL", adminEmail == null ? "admin@localhost (default)" : adminEmail);
        shown.put("INVITEKIT_ADMIN_PASSWORD", adminPassword == null ? "(unset: generated)" : MASKED);
        shown.put("INVITEKIT_TRUSTED_PROXIES", trustedProxies.isEmpty() ? "(none)" : String.join(",", trustedProxies));
        shown.put("INVITEKIT_HSTS_SECONDS", Integer.toString(hstsSeconds));
        shown.put("INVITEKIT_INVITE_CODE_LENGTH", Integer.toString(inviteCodeLength));
        shown.put("INVITEKIT_INVITATION_TTL_DAYS", Integer.toString(invitationTtlDays));
        shown.put("INVITEKIT_RESEND_COOLDOWN_SECONDS", Long.toString(resendCooldown.toSeconds()));
        shown.put("INVITEKIT_JOIN_FAILURES_PER_ACCOUNT", Integer.toString(joinFailuresPerAccount));
        shown.put("INVITEKIT_JOIN_FAILURES_PER_ADDRESS", Integer.toString(joinFailuresPerAddress));
        shown.put("INVITEKIT_DEFAULT_TENANT_TIER", defaultTenantTier.name());
        shown.put("INVITEKIT_MAX_TENANTS_PER_USER", Integer.toString(maxTenantsPerUser));
        shown.put("INVITEKIT_RATE_LIMIT_STORE", rateLimitStore.name().toLowerCase(Locale.ROOT));
        shown.put("INVITEKIT_METRICS_PUBLIC", Boolean.toString(metricsPublic));
        shown.put("INVITEKIT_ARGON2_MEMORY_KIB", Integer.toString(argon2.memoryKib()));
        shown.put("INVITEKIT_ARGON2_ITERATIONS", Integer.toString(argon2.iterations()));
        shown.put("INVITEKIT_ARGON2_PARALLELISM", Integer.toString(argon2.parallelism()));
        shown.put("INVITEKIT_RELAY_INTERVAL_MILLIS", Long.toString(relayInterval.toMillis()));
        shown.put("INVITEKIT_SWEEP_INTERVAL_SECONDS", Long.toString(sweepInterval.toSeconds()));
        shown.put("INVITEKIT_OUTBOX_LEASE_SECONDS", Long.toString(outboxLease.toSeconds()));
        shown.put("INVITEKIT_RELAY_THREADS", Integer.toString(relayThreads));
        shown.put("INVITEKIT_REQUIRE_VERIFIED_EMAIL", Boolean.toString(requireVerifiedEmail));
        shown.put("INVITEKIT_MEMBER_INVITATION_LINK", memberInvitationLinkTemplate);
        shown.put("INVITEKIT_LOG_FORMAT", logFormat.name().toLowerCase(Locale.ROOT));
        shown.put("INVITEKIT_SECRET_KEY", secretKey == null ? "(unset: a key file beside the database)" : MASKED);
        shown.put("INVITEKIT_OTLP_ENDPOINT", otlpEndpoint == null ? "(unset: no tracing)" : maskedUrl(otlpEndpoint.toString()));
        shown.put("INVITEKIT_WEBHOOK_ALLOW_PRIVATE", Boolean.toString(webhookAllowPrivate));
        shown.put("INVITEKIT_WEBHOOK_TIMEOUT_SECONDS", Long.toString(webhookTimeout.toSeconds()));
        shown.put("INVITEKIT_HTTP_THREADS", Integer.toString(httpThreads));
        return shown;
    }

    /** Every variable the server reads. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(from(Map.of()).effective().keySet());
        names.add("INVITEKIT_CONFIG_FILE");
        return List.copyOf(names);
    }

    /** A password in the URL's query ({@code password=…}) or its user part is masked too. */
    private static String maskedUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1" + MASKED).replaceAll("(//[^/:@]+:)[^@/]*@", "$1" + MASKED + "@");
    }

    private static String orUnset(String value) {
        return value == null ? "(unset)" : value;
    }

    @Override
    public String toString() {
        return "Configuration[port=" + port + ", baseUrl=" + baseUrl + ", db=" + (dbUrl == null ? "embedded H2" : "configured")
                + ", smtp=" + smtp + ", platform=" + platformName + "]";
    }

    /** Reads and checks one value at a time. */
    private static final class Values {
        private final Map<String, String> values;

        Values(Map<String, String> values) {
            this.values = values;
        }

        /** Every problem is collected, so that one message (and {@code check-config}) names them all. */
        private final List<String> errors = new ArrayList<>();

        Configuration read() {
            String platformDomain = text("INVITEKIT_PLATFORM_DOMAIN", "localhost");
            if (!platformDomain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                error(bad("INVITEKIT_PLATFORM_DOMAIN", "a lower-case domain name such as example.com", platformDomain));
                platformDomain = "localhost";
            }
            String platformName = text("INVITEKIT_PLATFORM_NAME", "Invitekit");
            if (platformName.isBlank() || platformName.length() > 100 || Text.hasUnsafe(platformName)) {
                error(bad("INVITEKIT_PLATFORM_NAME", "1 to 100 characters on one line", platformName));
            }
            String smtpHost = optional("INVITEKIT_SMTP_HOST");
            boolean startTls = bool("INVITEKIT_SMTP_STARTTLS", false);
            Smtp smtp = new Smtp(smtpHost, integer("INVITEKIT_SMTP_PORT", startTls ? 587 : 25, 1, 65535),
                    optional("INVITEKIT_SMTP_USER"), optional("INVITEKIT_SMTP_PASSWORD"), startTls);
            if ((smtp.user() == null) != (smtp.password() == null)) {
                error(new ConfigurationException("INVITEKIT_SMTP_USER and INVITEKIT_SMTP_PASSWORD are set together or not at all"));
            }
            String mailFrom = text("INVITEKIT_MAIL_FROM", "no-reply@" + (platformDomain.contains(".") ? platformDomain
                    : platformDomain + ".localdomain"));
            parse("INVITEKIT_MAIL_FROM", mailFrom, EmailAddress::of, "an email address");
            String adminEmail = optional("INVITEKIT_ADMIN_EMAIL");
            if (adminEmail != null) {
                parse("INVITEKIT_ADMIN_EMAIL", adminEmail, EmailAddress::of, "an email address");
            }
            String adminPassword = optional("INVITEKIT_ADMIN_PASSWORD");
            if (adminPassword != null && (adminPassword.length() < 8 || adminPassword.length() > 128)) {
                error(new ConfigurationException("INVITEKIT_ADMIN_PASSWORD must have 8 to 128 characters"));
            }
            List<String> proxies = Arrays.stream(text("INVITEKIT_TRUSTED_PROXIES", "").split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            for (String proxy : proxies) {
                if (!proxy.matches("[0-9a-fA-F:.]+(/\\d{1,3})?")) {
                    error(bad("INVITEKIT_TRUSTED_PROXIES", "comma-separated IP addresses or CIDR ranges", proxy));
                }
            }
            String dbUrl = optional("INVITEKIT_DB_URL");
            if (dbUrl != null && !dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
                error(bad("INVITEKIT_DB_URL", "a jdbc:h2: or jdbc:postgresql: URL", dbUrl));
            }
            RateLimitStore store = parse("INVITEKIT_RATE_LIMIT_STORE", text("INVITEKIT_RATE_LIMIT_STORE", "memory"),
                    v -> RateLimitStore.valueOf(v.strip().toUpperCase(Locale.ROOT)), "memory or database");
            if (store == RateLimitStore.DATABASE && (dbUrl == null || !dbUrl.startsWith("jdbc:postgresql:"))) {
                error(new ConfigurationException("INVITEKIT_RATE_LIMIT_STORE=database needs INVITEKIT_DB_URL to be a PostgreSQL URL"));
            }
            SubscriptionTier tier = parse("INVITEKIT_DEFAULT_TENANT_TIER", text("INVITEKIT_DEFAULT_TENANT_TIER", "FREE"),
                    v -> InvitekitSettings.defaults().tierCatalog().require(new SubscriptionTier(v)),
                    "one of " + InvitekitSettings.defaults().tierCatalog().tiers());
            URI baseUrl = url("INVITEKIT_BASE_URL", "http://localhost:8080");
            // HSTS only means something to a browser that reached us over HTTPS: on by default there, off otherwise.
            boolean https = baseUrl != null && "https".equals(baseUrl.getScheme());
            int hsts = integer("INVITEKIT_HSTS_SECONDS", https ? 31_536_000 : 0, 0, 63_072_000);
            if (hsts > 0 && !https) {
                error(new ConfigurationException("INVITEKIT_HSTS_SECONDS needs an https INVITEKIT_BASE_URL (or 0)"));
            }
            String memberInvitationLink = linkTemplate("INVITEKIT_MEMBER_INVITATION_LINK",
                    InvitekitSettings.DEFAULT_MEMBER_INVITATION_LINK, baseUrl);
            LogFormat logFormat = parse("INVITEKIT_LOG_FORMAT", text("INVITEKIT_LOG_FORMAT", "text"),
                    v -> LogFormat.valueOf(v.strip().toUpperCase(Locale.ROOT)), "text or json");
            URI otlpEndpoint = otlpEndpoint();
            Configuration configuration = new Configuration(
                    integer("INVITEKIT_PORT", 8080, 0, 65535),
                    baseUrl,
                    dbUrl, optional("INVITEKIT_DB_USER"), optional("INVITEKIT_DB_PASSWORD"),
                    smtp, mailFrom, platformName, platformDomain, adminEmail, adminPassword, proxies,
                    integer("INVITEKIT_INVITE_CODE_LENGTH", 8, 6, 12),
                    integer("INVITEKIT_INVITATION_TTL_DAYS", 7, 1, 30),
                    Duration.ofSeconds(integer("INVITEKIT_RESEND_COOLDOWN_SECONDS", 60, 0, 86_400)),
                    integer("INVITEKIT_JOIN_FAILURES_PER_ACCOUNT", 10, 1, 1_000_000),
                    integer("INVITEKIT_JOIN_FAILURES_PER_ADDRESS", 30, 1, 1_000_000),
                    tier,
                    integer("INVITEKIT_MAX_TENANTS_PER_USER", InvitekitSettings.defaults().maxTenantsPerUser(), 1, 1_000_000),
                    store,
                    bool("INVITEKIT_METRICS_PUBLIC", true),
                    new Argon2(integer("INVITEKIT_ARGON2_MEMORY_KIB", 19_456, 8, 4_194_304),
                            integer("INVITEKIT_ARGON2_ITERATIONS", 2, 1, 100),
                            integer("INVITEKIT_ARGON2_PARALLELISM", 1, 1, 64)),
                    Duration.ofMillis(integer("INVITEKIT_RELAY_INTERVAL_MILLIS", 1000, 50, 3_600_000)),
                    Duration.ofSeconds(integer("INVITEKIT_SWEEP_INTERVAL_SECONDS", 60, 1, 86_400)),
                    // How long a relay holds the emails it claimed; a node that dies leaves them to the
                    // others once it passes. It must outlast an SMTP send: relays stop at half of it.
                    Duration.ofSeconds(integer("INVITEKIT_OUTBOX_LEASE_SECONDS",
                            (int) InvitekitSettings.defaults().outboxLease().toSeconds(), 2, 86_400)),
                    // Each relay thread keeps one SMTP connection busy; 0: this node sends no email.
                    integer("INVITEKIT_RELAY_THREADS", BackgroundJobs.DEFAULT_RELAY_THREADS, 0, 64),
                    hsts,
                    parse("INVITEKIT_DB_TABLE_PREFIX", text("INVITEKIT_DB_TABLE_PREFIX", TablePrefix.DEFAULT.value()),
                            TablePrefix::of, "1 to " + TablePrefix.MAX_LENGTH
                                    + " lower-case letters, digits and underscores, starting with a letter"),
                    bool("INVITEKIT_REQUIRE_VERIFIED_EMAIL", false),
                    memberInvitationLink,
                    logFormat,
                    otlpEndpoint,
                    secretKey(),
                    // Off by default: a tenant admin's webhook URL must not reach the deployment's own network.
                    bool("INVITEKIT_WEBHOOK_ALLOW_PRIVATE", false),
                    Duration.ofSeconds(integer("INVITEKIT_WEBHOOK_TIMEOUT_SECONDS",
                            (int) JettyWebhookSender.Settings.defaults().totalTimeout().toSeconds(), 1, MAX_WEBHOOK_TIMEOUT_SECONDS)),
                    integer("INVITEKIT_HTTP_THREADS", DEFAULT_HTTP_THREADS, 8, 1000));
            if (!errors.isEmpty()) {
                throw new ConfigurationException(errors);
            }
            return configuration;
        }

        /** Base64 of 32 bytes; the value is never repeated in a message. */
        private byte[] secretKey() {
            String raw = optional("INVITEKIT_SECRET_KEY");
            if (raw == null) {
                return null;
            }
            try {
                byte[] key = java.util.Base64.getDecoder().decode(raw);
                if (key.length == SECRET_KEY_BYTES) {
                    return key;
                }
            } catch (IllegalArgumentException notBase64) {
                // refused below
            }
            error(new ConfigurationException("INVITEKIT_SECRET_KEY must be the base64 of 32 random bytes "
                    + "(e.g. `openssl rand -base64 32`)"));
            return null;
        }

        private void error(ConfigurationException problem) {
            errors.addAll(problem.problems());
        }

        private String optional(String name) {
            String value = values.get(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        private String text(String name, String fallback) {
            String value = optional(name);
            return value == null ? fallback : value;
        }

        private int integer(String name, int fallback, int min, int max) {
            String value = optional(name);
            if (value == null) {
                return fallback;
            }
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException notANumber) {
                // named below
            }
            error(bad(name, "a whole number from " + min + " to " + max, value));
            return fallback;
        }

        private boolean bool(String name, boolean fallback) {
            String value = optional(name);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> {
                    error(bad(name, "true or false", value));
                    yield fallback;
                }
            };
        }

        private URI url(String name, String fallback) {
            String value = text(name, fallback);
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException invalid) {
                uri = null;
            }
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                error(bad(name, "an http or https URL with a host and no query", value));
                return URI.create(fallback);
            }
            return uri;
        }

        /**
         * A link template for an email: it carries {@code {token}} and, with {@code {baseUrl}} filled
         * in, makes an absolute http or https link with a host. Checked at start, since the email
         * renderer refuses any other link for good, one email after another.
         */
        private String linkTemplate(String name, String fallback, URI baseUrl) {
            String template = text(name, fallback);
            URI sample;
            try {
                sample = new URI(template.replace("{baseUrl}", baseUrl.toString()).replace("{token}", "token"));
            } catch (java.net.URISyntaxException malformed) {
                sample = null;
            }
            if (!template.contains("{token}") || sample == null || sample.getHost() == null
                    || !("http".equals(sample.getScheme()) || "https".equals(sample.getScheme()))) {
                error(bad(name, "a link template with {token} that makes an http or https link, such as " + fallback,
                        template));
                return fallback;
            }
            return template;
        }

        /**
         * {@code INVITEKIT_OTLP_ENDPOINT}: where spans go over OTLP/HTTP, or null (no tracing). A URL
         * without a path ({@code http://collector:4318}) means the receiver's usual traces path.
         */
        private URI otlpEndpoint() {
            String value = optional("INVITEKIT_OTLP_ENDPOINT");
            if (value == null) {
                return null;
            }
            URI uri;
            try {
                uri = new URI(value);
            } catch (java.net.URISyntaxException invalid) {
                uri = null;
            }
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getFragment() != null) {
                error(bad("INVITEKIT_OTLP_ENDPOINT", "an http or https URL of an OTLP/HTTP receiver, such as "
                        + "http://collector:4318" + OTLP_TRACES_PATH, value));
                return null;
            }
            String path = uri.getRawPath();
            return path == null || path.isEmpty() || path.equals("/") ? uri.resolve(OTLP_TRACES_PATH) : uri;
        }

        /** The parsed value, or null with the error recorded. */
        private <T> T parse(String name, String value, Function<String, T> parser, String expected) {
            try {
                return parser.apply(value);
            } catch (RuntimeException invalid) {
                error(bad(name, expected, value));
                return null;
            }
        }

        private static ConfigurationException bad(String name, String expected, String value) {
            boolean secret = name.contains("PASSWORD");
            return new ConfigurationException(name + " must be " + expected + (secret ? "" : ", not \"" + value + "\""));
        }
    }
}
