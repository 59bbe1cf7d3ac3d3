package io.invitekit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.domain.tenant.SubscriptionTier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigurationTest {

    @Test
    void theDefaultsAreTheProductAsSpecified() {
        Configuration c = Configuration.from(Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.baseUrl()).hasToString("http://localhost:8080");
        assertThat(c.dbUrl()).isNull();
        assertThat(c.smtp().host()).isNull();
        assertThat(c.inviteCodeLength()).isEqualTo(8);
        assertThat(c.invitationTtlDays()).isEqualTo(7);
        assertThat(c.resendCooldown()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.joinFailuresPerAccount()).isEqualTo(10);
        assertThat(c.joinFailuresPerAddress()).isEqualTo(30);
        assertThat(c.defaultTenantTier()).isEqualTo(SubscriptionTier.FREE);
        assertThat(c.maxTenantsPerUser()).isEqualTo(10);
        assertThat(c.applicationSettings().maxTenantsPerUser()).isEqualTo(10);
        assertThat(c.applicationSettings().requireVerifiedEmail()).as("sign up, then join: one step").isFalse();
        assertThat(c.rateLimitStore()).isEqualTo(Configuration.RateLimitStore.MEMORY);
        assertThat(c.trustedProxies()).isEmpty();
        assertThat(c.argon2()).isEqualTo(new Configuration.Argon2(19_456, 2, 1));
        assertThat(c.outboxLease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.applicationSettings().outboxLease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.hstsSeconds()).as("the default base URL is http: no HSTS").isZero();
        assertThat(c.memberInvitationLinkTemplate()).isEqualTo("{baseUrl}/invite#token={token}");
        assertThat(c.applicationSettings().memberInvitationLink("abc")).isEqualTo("http://localhost:8080/invite#token=abc");
    }

    @Test
    void theMemberInvitationLinkMayPointAtTheHostsOwnPageButMustCarryTheTokenOverHttp() {
        Configuration c = Configuration.from(Map.of("INVITEKIT_BASE_URL", "https://app.example.com",
                "INVITEKIT_MEMBER_INVITATION_LINK", "{baseUrl}/team/accept?t={token}"));
        assertThat(c.applicationSettings().memberInvitationLink("abc")).isEqualTo("https://app.example.com/team/accept?t=abc");
        assertThat(c.applicationSettings().invitationLink("abc")).as("the tenant invitation's link is another setting")
                .isEqualTo("https://app.example.com/tenant-onboard#token=abc");
        assertThat(Configuration.from(Map.of("INVITEKIT_MEMBER_INVITATION_LINK", "https://join.example.com/{token}"))
                .applicationSettings().memberInvitationLink("abc")).isEqualTo("https://join.example.com/abc");
        assertThat(c.effective()).containsEntry("INVITEKIT_MEMBER_INVITATION_LINK", "{baseUrl}/team/accept?t={token}");
    }

    @Test
    void hstsIsOnForAYearBehindHttpsAndOffForHttp() {
        assertThat(Configuration.from(Map.of("INVITEKIT_BASE_URL", "https://app.example.com")).hstsSeconds())
                .isEqualTo(31_536_000);
        assertThat(Configuration.from(Map.of("INVITEKIT_BASE_URL", "https://app.example.com", "INVITEKIT_HSTS_SECONDS", "0"))
                .hstsSeconds()).as("0 turns it off").isZero();
        assertThat(Configuration.from(Map.of("INVITEKIT_BASE_URL", "https://app.example.com", "INVITEKIT_HSTS_SECONDS", "600"))
                .hstsSeconds()).isEqualTo(600);
        assertThat(Configuration.from(Map.of("INVITEKIT_BASE_URL", "http://app.example.com", "INVITEKIT_HSTS_SECONDS", "0"))
                .hstsSeconds()).isZero();
        assertThatThrownBy(() -> Configuration.from(Map.of("INVITEKIT_BASE_URL", "http://app.example.com",
                "INVITEKIT_HSTS_SECONDS", "600")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("INVITEKIT_HSTS_SECONDS").hasMessageContaining("https");
    }

    @Test
    void theTablePrefixIsInvitekitsUnlessSetAndMustBeAPlainName() {
        assertThat(Configuration.from(Map.of()).tablePrefix().value()).isEqualTo("invitekit_");
        assertThat(Configuration.from(Map.of("INVITEKIT_DB_TABLE_PREFIX", "ik_")).tablePrefix().table("bucket"))
                .isEqualTo("ik_bucket");
        for (String bad : List.of("Invitekit_", "1x_", "ik-", "ik_; DROP TABLE x", "a".repeat(25))) {
            assertThatThrownBy(() -> Configuration.from(Map.of("INVITEKIT_DB_TABLE_PREFIX", bad)))
                    .as(bad).isInstanceOf(ConfigurationException.class).hasMessageContaining("INVITEKIT_DB_TABLE_PREFIX");
        }
    }

    @Test
    void everyVariableIsRead() {
        Map<String, String> env = new HashMap<>();
        env.put("INVITEKIT_PORT", "9090");
        env.put("INVITEKIT_BASE_URL", "https://app.example.com");
        env.put("INVITEKIT_DB_URL", "jdbc:postgresql://db/invitekit");
        env.put("INVITEKIT_DB_USER", "ik");
        env.put("INVITEKIT_DB_PASSWORD", "secret");
        env.put("INVITEKIT_SMTP_HOST", "smtp.example.com");
        env.put("INVITEKIT_SMTP_STARTTLS", "true");
        env.put("INVITEKIT_SMTP_USER", "mailer");
        env.put("INVITEKIT_SMTP_PASSWORD", "mailpw");
        env.put("INVITEKIT_MAIL_FROM", "invites@example.com");
        env.put("INVITEKIT_PLATFORM_NAME", "Acme");
        env.put("INVITEKIT_PLATFORM_DOMAIN", "acme.example");
        env.put("INVITEKIT_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.1");
        env.put("INVITEKIT_INVITE_CODE_LENGTH", "10");
        env.put("INVITEKIT_INVITATION_TTL_DAYS", "14");
        env.put("INVITEKIT_RESEND_COOLDOWN_SECONDS", "120");
        env.put("INVITEKIT_JOIN_FAILURES_PER_ACCOUNT", "5");
        env.put("INVITEKIT_JOIN_FAILURES_PER_ADDRESS", "50");
        env.put("INVITEKIT_DEFAULT_TENANT_TIER", "starter");
        env.put("INVITEKIT_MAX_TENANTS_PER_USER", "3");
        env.put("INVITEKIT_REQUIRE_VERIFIED_EMAIL", "true");
        env.put("INVITEKIT_RATE_LIMIT_STORE", "database");
        env.put("INVITEKIT_OUTBOX_LEASE_SECONDS", "20");
        env.put("INVITEKIT_HSTS_SECONDS", "86400");
        env.put("INVITEKIT_MEMBER_INVITATION_LINK", "{baseUrl}/members/accept#t={token}");

        Configuration c = Configuration.from(env);

        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.smtp().port()).isEqualTo(587);
        assertThat(c.trustedProxies()).containsExactly("10.0.0.0/8", "192.168.1.1");
        assertThat(c.rateLimitStore()).isEqualTo(Configuration.RateLimitStore.DATABASE);
        assertThat(c.isPostgreSql()).isTrue();
        var settings = c.applicationSettings();
        assertThat(settings.platformName()).isEqualTo("Acme");
        assertThat(settings.inviteCodeLength()).isEqualTo(10);
        assertThat(settings.invitationPolicy().defaultTtlDays()).isEqualTo(14);
        assertThat(settings.invitationPolicy().resendCooldown()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.defaultTenantTier()).isEqualTo(SubscriptionTier.STARTER);
        assertThat(settings.maxTenantsPerUser()).isEqualTo(3);
        assertThat(settings.requireVerifiedEmail()).isTrue();
        assertThat(settings.outboxLease()).as("a shorter lease lets another node take a dead node's emails sooner")
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(c.hstsSeconds()).isEqualTo(86_400);
        assertThat(settings.memberInvitationLink("abc")).isEqualTo("https://app.example.com/members/accept#t=abc");
        assertThat(c.toString()).doesNotContain("secret").doesNotContain("mailpw");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "INVITEKIT_PORT|eighty",
        "INVITEKIT_PORT|70000",
        "INVITEKIT_BASE_URL|ftp://example.com",
        "INVITEKIT_BASE_URL|not a url",
        "INVITEKIT_INVITE_CODE_LENGTH|5",
        "INVITEKIT_INVITE_CODE_LENGTH|13",
        "INVITEKIT_INVITATION_TTL_DAYS|31",
        "INVITEKIT_RESEND_COOLDOWN_SECONDS|-1",
        "INVITEKIT_JOIN_FAILURES_PER_ACCOUNT|0",
        "INVITEKIT_JOIN_FAILURES_PER_ADDRESS|many",
        "INVITEKIT_DEFAULT_TENANT_TIER|GOLD",
        "INVITEKIT_MAX_TENANTS_PER_USER|0",
        "INVITEKIT_MAX_TENANTS_PER_USER|ten",
        "INVITEKIT_REQUIRE_VERIFIED_EMAIL|yes please",
        "INVITEKIT_RATE_LIMIT_STORE|redis",
        "INVITEKIT_RATE_LIMIT_STORE|database",
        "INVITEKIT_SMTP_STARTTLS|perhaps",
        "INVITEKIT_SMTP_PORT|0",
        "INVITEKIT_MAIL_FROM|nobody",
        "INVITEKIT_ADMIN_EMAIL|root",
        "INVITEKIT_TRUSTED_PROXIES|proxy.example.com",
        "INVITEKIT_PLATFORM_DOMAIN|Not A Domain",
        "INVITEKIT_DB_URL|jdbc:mysql://db/x",
        "INVITEKIT_ADMIN_PASSWORD|short",
        "INVITEKIT_SMTP_USER|mailer",
        "INVITEKIT_OUTBOX_LEASE_SECONDS|1",
        "INVITEKIT_OUTBOX_LEASE_SECONDS|five",
        "INVITEKIT_HSTS_SECONDS|-1",
        "INVITEKIT_HSTS_SECONDS|a year",
        "INVITEKIT_HSTS_SECONDS|63072001",
        "INVITEKIT_HSTS_SECONDS|600",
        "INVITEKIT_MEMBER_INVITATION_LINK|{baseUrl}/invite",
        "INVITEKIT_MEMBER_INVITATION_LINK|/invite#token={token}",
        "INVITEKIT_MEMBER_INVITATION_LINK|mailto:team@example.com?body={token}",
        "INVITEKIT_MEMBER_INVITATION_LINK|{baseUrl}/in vite#token={token}",
    })
    void aBadValueStopsStartUpNamingTheVariable(String name, String value) {
        assertThatThrownBy(() -> Configuration.from(Map.of(name, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(name);
    }

    @Test
    void theSecretKeyIsBase64Of32BytesMaskedAndNeverEchoedWhenBad() {
        byte[] key = new byte[32];
        key[0] = 42;
        String base64 = java.util.Base64.getEncoder().encodeToString(key);
        Configuration c = Configuration.from(Map.of("INVITEKIT_SECRET_KEY", base64));
        assertThat(c.secretKey()).isEqualTo(key);
        assertThat(c.effective()).containsEntry("INVITEKIT_SECRET_KEY", "********");
        assertThat(c.toString()).doesNotContain(base64);
        assertThat(Configuration.from(Map.of()).secretKey()).isNull();
        String short16 = java.util.Base64.getEncoder().encodeToString(new byte[16]);
        for (String bad : List.of(short16, "not base64!", base64 + "AAAA")) {
            assertThatThrownBy(() -> Configuration.from(Map.of("INVITEKIT_SECRET_KEY", bad)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("INVITEKIT_SECRET_KEY")
                    .hasMessageNotContaining(bad);
        }
    }

    @Test
    void aBadPasswordIsNamedButNeverEchoed() {
        assertThatThrownBy(() -> Configuration.from(Map.of("INVITEKIT_ADMIN_PASSWORD", "short")))
                .hasMessageContaining("INVITEKIT_ADMIN_PASSWORD").hasMessageNotContaining("short\"");
    }

    @Test
    void aPropertiesFileMayGiveValuesAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("invitekit.properties");
        Files.writeString(file, "INVITEKIT_PORT=7000\nINVITEKIT_PLATFORM_NAME=From File\n");
        Configuration c = Configuration.from(Map.of("INVITEKIT_CONFIG_FILE", file.toString(), "INVITEKIT_PORT", "7001"));
        assertThat(c.port()).isEqualTo(7001);
        assertThat(c.platformName()).isEqualTo("From File");
        assertThatThrownBy(() -> Configuration.from(Map.of("INVITEKIT_CONFIG_FILE", dir.resolve("missing").toString())))
                .hasMessageContaining("INVITEKIT_CONFIG_FILE");
        assertThat(List.of(c.trustedProxies())).hasSize(1);
    }

    @Test
    void everyBadValueIsNamedAtOnceInTheOrderTheyAreRead() {
        ConfigurationException bad = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigurationException.class,
                () -> Configuration.from(Map.of("INVITEKIT_PLATFORM_DOMAIN", "Not A Domain", "INVITEKIT_PORT", "eighty",
                        "INVITEKIT_SMTP_USER", "mailer", "INVITEKIT_LOG_FORMAT", "xml", "INVITEKIT_BASE_URL", "ftp://x")));

        assertThat(bad.problems()).hasSize(5);
        assertThat(String.join("\n", bad.problems())).contains("INVITEKIT_PLATFORM_DOMAIN", "INVITEKIT_PORT",
                "INVITEKIT_SMTP_USER and INVITEKIT_SMTP_PASSWORD", "INVITEKIT_LOG_FORMAT", "INVITEKIT_BASE_URL");
        assertThat(bad.getMessage()).contains("INVITEKIT_PORT").contains("INVITEKIT_LOG_FORMAT");
    }

    @Test
    void theEffectiveSettingsNameEveryVariableAndMaskEverySecret() {
        Configuration c = Configuration.from(Map.of("INVITEKIT_DB_URL",
                "jdbc:postgresql://db:5432/ik?user=ik&password=pg-secret", "INVITEKIT_DB_PASSWORD", "db-secret",
                "INVITEKIT_SMTP_HOST", "smtp.example.com", "INVITEKIT_SMTP_USER", "mailer", "INVITEKIT_SMTP_PASSWORD",
                "smtp-secret", "INVITEKIT_ADMIN_PASSWORD", "admin-secret", "INVITEKIT_LOG_FORMAT", "json"));

        Map<String, String> shown = c.effective();

        assertThat(String.join("\n", shown.values())).doesNotContain("pg-secret", "db-secret", "smtp-secret", "admin-secret");
        assertThat(shown).containsEntry("INVITEKIT_DB_URL", "jdbc:postgresql://db:5432/ik?user=ik&password=********")
                .containsEntry("INVITEKIT_SMTP_PASSWORD", "********").containsEntry("INVITEKIT_LOG_FORMAT", "json")
                .containsEntry("INVITEKIT_SMTP_USER", "mailer");
        assertThat(Configuration.names()).containsAll(shown.keySet()).contains("INVITEKIT_CONFIG_FILE");
        assertThat(c.logFormat()).isEqualTo(Configuration.LogFormat.JSON);
    }

    @Test
    void tracingIsOffUnlessAnOtlpEndpointIsGiven() {
        assertThat(Configuration.from(Map.of()).otlpEndpoint()).isNull();
        assertThat(Configuration.from(Map.of("INVITEKIT_OTLP_ENDPOINT", " ")).otlpEndpoint()).as("blank is unset").isNull();
        assertThat(Configuration.from(Map.of()).effective()).containsEntry("INVITEKIT_OTLP_ENDPOINT", "(unset: no tracing)");
        assertThat(Configuration.names()).contains("INVITEKIT_OTLP_ENDPOINT");
    }

    @ParameterizedTest
    @CsvSource({
            "http://collector:4318/v1/traces, http://collector:4318/v1/traces",
            "https://otel.example.com/custom/traces, https://otel.example.com/custom/traces",
            "http://collector:4318, http://collector:4318/v1/traces",
            "http://collector:4318/, http://collector:4318/v1/traces"})
    void anOtlpEndpointIsATracesUrlAndAHostAloneMeansTheUsualPath(String given, String used) {
        Configuration c = Configuration.from(Map.of("INVITEKIT_OTLP_ENDPOINT", given));
        assertThat(c.otlpEndpoint()).hasToString(used);
        assertThat(c.effective()).containsEntry("INVITEKIT_OTLP_ENDPOINT", used);
    }

    @ParameterizedTest
    @CsvSource({"collector:4318", "grpc://collector:4317", "http://", "http://exa mple.com/v1/traces", "not a url",
            "http://collector:4318/v1/traces#frag"})
    void aMalformedOtlpEndpointStopsStartUpNamingTheVariable(String given) {
        assertThatThrownBy(() -> Configuration.from(Map.of("INVITEKIT_OTLP_ENDPOINT", given, "INVITEKIT_PORT", "eighty")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("INVITEKIT_OTLP_ENDPOINT must be an http or https URL of an OTLP/HTTP receiver")
                .hasMessageContaining(given)
                .hasMessageContaining("INVITEKIT_PORT"); // named with the others, at once
    }

    @Test
    void credentialsInTheOtlpEndpointAreMasked() {
        Configuration c = Configuration.from(Map.of("INVITEKIT_OTLP_ENDPOINT", "https://user:otlp-secret@otel.example.com/v1/traces"));
        assertThat(c.effective().get("INVITEKIT_OTLP_ENDPOINT")).doesNotContain("otlp-secret").contains("otel.example.com");
    }

    @Test
    void webhooksRefusePrivateTargetsAndTakeTenSecondsAtMostByDefault() {
        Configuration c = Configuration.from(Map.of());

        assertThat(c.webhookAllowPrivate()).isFalse();
        assertThat(c.webhookSettings().allowPrivate()).isFalse();
        assertThat(c.webhookSettings().totalTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.webhookSettings().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.effective()).containsEntry("INVITEKIT_WEBHOOK_ALLOW_PRIVATE", "false")
                .containsEntry("INVITEKIT_WEBHOOK_TIMEOUT_SECONDS", "10");
        assertThat(Configuration.names()).contains("INVITEKIT_WEBHOOK_ALLOW_PRIVATE", "INVITEKIT_WEBHOOK_TIMEOUT_SECONDS");
    }

    @Test
    void webhooksMayBeAllowedPrivateTargetsAndAnotherTimeout() {
        Configuration c = Configuration.from(Map.of("INVITEKIT_WEBHOOK_ALLOW_PRIVATE", "true",
                "INVITEKIT_WEBHOOK_TIMEOUT_SECONDS", "3"));

        assertThat(c.webhookSettings().allowPrivate()).isTrue();
        assertThat(c.webhookSettings().totalTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.webhookSettings().connectTimeout()).as("never longer than the total").isEqualTo(Duration.ofSeconds(3));
        assertThat(Configuration.from(Map.of("INVITEKIT_WEBHOOK_TIMEOUT_SECONDS", "30")).webhookSettings().connectTimeout())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @CsvSource({"INVITEKIT_WEBHOOK_ALLOW_PRIVATE, maybe, true or false",
            "INVITEKIT_WEBHOOK_TIMEOUT_SECONDS, 0, a whole number from 1 to 55",
            "INVITEKIT_WEBHOOK_TIMEOUT_SECONDS, 56, a whole number from 1 to 55"})
    void aBadWebhookSettingStopsStartUpNamingTheVariable(String name, String value, String expected) {
        assertThatThrownBy(() -> Configuration.from(Map.of(name, value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(name + " must be " + expected);
    }

    @Test
    void jettyGetsTwentyFourRequestThreadsAtMostUnlessToldOtherwise() {
        assertThat(Configuration.from(Map.of()).httpThreads()).isEqualTo(24);
        assertThat(Configuration.from(Map.of()).effective()).containsEntry("INVITEKIT_HTTP_THREADS", "24");
        assertThat(Configuration.from(Map.of("INVITEKIT_HTTP_THREADS", "64")).httpThreads()).isEqualTo(64);
        assertThat(Configuration.names()).contains("INVITEKIT_HTTP_THREADS");

        var threads = InvitekitServer.requestThreads(Configuration.from(Map.of("INVITEKIT_HTTP_THREADS", "12")).httpThreads());
        assertThat(threads.getMaxThreads()).isEqualTo(12);
        assertThat(threads.getMinThreads()).isEqualTo(4);
        assertThat(threads.getIdleTimeout()).isEqualTo(30_000);
    }

    @ParameterizedTest
    @CsvSource({"7, a whole number from 8 to 1000", "1001, a whole number from 8 to 1000", "many, a whole number from 8 to 1000"})
    void tooFewOrTooManyRequestThreadsStopStartUpNamingTheVariable(String value, String expected) {
        assertThatThrownBy(() -> Configuration.from(Map.of("INVITEKIT_HTTP_THREADS", value)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("INVITEKIT_HTTP_THREADS must be " + expected);
    }
}
