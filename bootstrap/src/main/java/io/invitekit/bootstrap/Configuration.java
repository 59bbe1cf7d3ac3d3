package io.invitekit.bootstrap;

import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.TablePrefix;
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
import java.util.Arrays;
import java.util.HashMap;
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
        int hstsSeconds,
        TablePrefix tablePrefix,
        boolean requireVerifiedEmail) {

    public enum RateLimitStore { MEMORY, DATABASE }

    /** SMTP settings; {@code host == null} means the console sender. */
    public record Smtp(String host, int port, String user, String password, boolean startTls) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", user=" + user + ", startTls=" + startTls + "]";
        }
    }

    public record Argon2(int memoryKib, int iterations, int parallelism) {
    }

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
                .build();
    }

    public DatabaseSettings databaseSettings() {
        return dbUrl == null ? DatabaseSettings.defaults() : DatabaseSettings.of(dbUrl, dbUser, dbPassword);
    }

    public boolean isPostgreSql() {
        return dbUrl != null && dbUrl.startsWith("jdbc:postgresql:");
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

        Configuration read() {
            String platformDomain = text("INVITEKIT_PLATFORM_DOMAIN", "localhost");
            if (!platformDomain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                throw bad("INVITEKIT_PLATFORM_DOMAIN", "a lower-case domain name such as example.com", platformDomain);
            }
            String platformName = text("INVITEKIT_PLATFORM_NAME", "Invitekit");
            if (platformName.isBlank() || platformName.length() > 100 || Text.hasUnsafe(platformName)) {
                throw bad("INVITEKIT_PLATFORM_NAME", "1 to 100 characters on one line", platformName);
            }
            String smtpHost = optional("INVITEKIT_SMTP_HOST");
            boolean startTls = bool("INVITEKIT_SMTP_STARTTLS", false);
            Smtp smtp = new Smtp(smtpHost, integer("INVITEKIT_SMTP_PORT", startTls ? 587 : 25, 1, 65535),
                    optional("INVITEKIT_SMTP_USER"), optional("INVITEKIT_SMTP_PASSWORD"), startTls);
            if ((smtp.user() == null) != (smtp.password() == null)) {
                throw new ConfigurationException("INVITEKIT_SMTP_USER and INVITEKIT_SMTP_PASSWORD are set together or not at all");
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
                throw new ConfigurationException("INVITEKIT_ADMIN_PASSWORD must have 8 to 128 characters");
            }
            List<String> proxies = Arrays.stream(text("INVITEKIT_TRUSTED_PROXIES", "").split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            for (String proxy : proxies) {
                if (!proxy.matches("[0-9a-fA-F:.]+(/\\d{1,3})?")) {
                    throw bad("INVITEKIT_TRUSTED_PROXIES", "comma-separated IP addresses or CIDR ranges", proxy);
                }
            }
            String dbUrl = optional("INVITEKIT_DB_URL");
            if (dbUrl != null && !dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
                throw bad("INVITEKIT_DB_URL", "a jdbc:h2: or jdbc:postgresql: URL", dbUrl);
            }
            RateLimitStore store = parse("INVITEKIT_RATE_LIMIT_STORE", text("INVITEKIT_RATE_LIMIT_STORE", "memory"),
                    v -> RateLimitStore.valueOf(v.strip().toUpperCase(Locale.ROOT)), "memory or database");
            if (store == RateLimitStore.DATABASE && (dbUrl == null || !dbUrl.startsWith("jdbc:postgresql:"))) {
                throw new ConfigurationException("INVITEKIT_RATE_LIMIT_STORE=database needs INVITEKIT_DB_URL to be a PostgreSQL URL");
            }
            SubscriptionTier tier = parse("INVITEKIT_DEFAULT_TENANT_TIER", text("INVITEKIT_DEFAULT_TENANT_TIER", "FREE"),
                    v -> InvitekitSettings.defaults().tierCatalog().require(new SubscriptionTier(v)),
                    "one of " + InvitekitSettings.defaults().tierCatalog().tiers());
            URI baseUrl = url("INVITEKIT_BASE_URL", "http://localhost:8080");
            // HSTS only means something to a browser that reached us over HTTPS: on by default there, off otherwise.
            boolean https = "https".equals(baseUrl.getScheme());
            int hsts = integer("INVITEKIT_HSTS_SECONDS", https ? 31_536_000 : 0, 0, 63_072_000);
            if (hsts > 0 && !https) {
                throw new ConfigurationException("INVITEKIT_HSTS_SECONDS needs an https INVITEKIT_BASE_URL (or 0)");
            }
            return new Configuration(
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
                    hsts,
                    parse("INVITEKIT_DB_TABLE_PREFIX", text("INVITEKIT_DB_TABLE_PREFIX", TablePrefix.DEFAULT.value()),
                            TablePrefix::of, "1 to " + TablePrefix.MAX_LENGTH
                                    + " lower-case letters, digits and underscores, starting with a letter"),
                    bool("INVITEKIT_REQUIRE_VERIFIED_EMAIL", false));
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
                if (number < min || number > max) {
                    throw bad(name, "a whole number from " + min + " to " + max, value);
                }
                return number;
            } catch (NumberFormatException notANumber) {
                throw bad(name, "a whole number from " + min + " to " + max, value);
            }
        }

        private boolean bool(String name, boolean fallback) {
            String value = optional(name);
            if (value == null) {
                return fallback;
            }
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw bad(name, "true or false", value);
            };
        }

        private URI url(String name, String fallback) {
            String value = text(name, fallback);
            URI uri = parse(name, value, URI::create, "an http or https URL");
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw bad(name, "an http or https URL with a host and no query", value);
            }
            return uri;
        }

        private static <T> T parse(String name, String value, Function<String, T> parser, String expected) {
            try {
                return parser.apply(value);
            } catch (RuntimeException invalid) {
                throw bad(name, expected, value);
            }
        }

        private static ConfigurationException bad(String name, String expected, String value) {
            boolean secret = name.contains("PASSWORD");
            return new ConfigurationException(name + " must be " + expected + (secret ? "" : ", not \"" + value + "\""));
        }
    }
}
