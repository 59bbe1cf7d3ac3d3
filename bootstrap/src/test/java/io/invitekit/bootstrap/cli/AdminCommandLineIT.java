package io.invitekit.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.application.Invitekit;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.bootstrap.cli.Operator.Run;
import io.invitekit.bootstrap.process.Emails;
import io.invitekit.bootstrap.process.ServerNode.Reply;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every command of the admin command line, run as the fat jar's process on an H2 file, as an
 * operator runs them: with the server stopped, and refused while it runs.
 */
class AdminCommandLineIT {
    private static final String ADMIN = "root@acme.test";
    private static final String ADMIN_PASSWORD = "a long admin password";
    private static final String NEW_PASSWORD = "an operator's new passphrase";
    private static final Pattern LINK = Pattern.compile("https://app\\.acme\\.test/tenant-onboard#token=([A-Za-z0-9_-]{43})");

    private GreenMail smtp;
    private Path work;
    private String dbUrl;
    private Operator operator;

    @BeforeEach
    void setUp() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        work = Operator.freshDirectory("cli");
        dbUrl = "jdbc:h2:file:" + work.resolve("db/invitekit") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        operator = new Operator(work, environment(dbUrl));
    }

    private Map<String, String> environment(String url) {
        Map<String, String> env = new HashMap<>();
        env.put("INVITEKIT_DB_URL", url);
        env.put("INVITEKIT_BASE_URL", "https://app.acme.test");
        env.put("INVITEKIT_PLATFORM_DOMAIN", "acme.test");
        env.put("INVITEKIT_SMTP_HOST", "127.0.0.1");
        env.put("INVITEKIT_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("INVITEKIT_ADMIN_EMAIL", ADMIN);
        env.put("INVITEKIT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("INVITEKIT_RELAY_INTERVAL_MILLIS", "100");
        env.put("INVITEKIT_RESEND_COOLDOWN_SECONDS", "0");
        return env;
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
    }

    private static Reply login(Operator.Server server, String email, String password) {
        return server.call("POST", "/api/auth/login", null, Map.of("email", email, "password", password));
    }

    @Test
    void check_config_prints_the_effective_settings_with_secrets_masked() throws Exception {
        Run valid = operator.runWith(null, Map.of("INVITEKIT_DB_PASSWORD", "s3cret-db", "INVITEKIT_SMTP_USER", "mailer",
                "INVITEKIT_SMTP_PASSWORD", "s3cret-smtp", "INVITEKIT_FROBNICATE", "1"), "check-config");

        assertThat(valid.exit()).as(valid.output()).isZero();
        assertThat(valid.output()).contains("INVITEKIT_PLATFORM_DOMAIN=acme.test", "INVITEKIT_PORT=8080",
                        "INVITEKIT_DB_PASSWORD=********", "INVITEKIT_SMTP_PASSWORD=********",
                        "INVITEKIT_ADMIN_PASSWORD=********", "INVITEKIT_SMTP_USER=mailer",
                        "warning: INVITEKIT_FROBNICATE is not a setting", "The configuration is valid.")
                .doesNotContain("s3cret", ADMIN_PASSWORD);
    }

    @Test
    void check_config_names_every_error_and_exits_2() throws Exception {
        Run invalid = operator.runWith(null, Map.of("INVITEKIT_PORT", "eighty", "INVITEKIT_PLATFORM_DOMAIN", "Not A Domain",
                "INVITEKIT_SMTP_PORT", "0", "INVITEKIT_ADMIN_PASSWORD", "short", "INVITEKIT_LOG_FORMAT", "xml"), "check-config");

        assertThat(invalid.exit()).as(invalid.output()).isEqualTo(2);
        assertThat(invalid.output()).contains("INVITEKIT_PORT", "INVITEKIT_PLATFORM_DOMAIN", "INVITEKIT_SMTP_PORT",
                "INVITEKIT_ADMIN_PASSWORD", "INVITEKIT_LOG_FORMAT").doesNotContain("short\"");
    }

    @Test
    void migrate_applies_the_migrations_once_and_an_unknown_command_is_a_usage_error() throws Exception {
        Run first = operator.run("migrate");
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).containsPattern("Applied \\d+ migrations");

        Run again = operator.run("migrate");
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output()).contains("up to date: no migration to apply");

        Run unknown = operator.run("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("Unmatched argument");
    }

    @Test
    void admin_create_makes_a_platform_admin_who_logs_in_and_commands_refuse_while_the_server_holds_the_file()
            throws Exception {
        Run created = operator.run("admin", "create", "ops@acme.test");
        assertThat(created.exit()).as(created.output()).isZero();
        String password = created.after("Password (shown once):");

        try (Operator.Server server = operator.startServer()) {
            Reply ops = login(server, "ops@acme.test", password);
            assertThat(ops.status()).as(ops.body()).isEqualTo(200);
            assertThat(ops.json().path("user").path("platform_role").asText()).isEqualTo("PLATFORM_ADMIN");
            // An operator made an admin before the first start: that one is the first, and INVITEKIT_ADMIN_* is unused.
            assertThat(login(server, ADMIN, ADMIN_PASSWORD).status())
                    .as("an admin existed, so the server made none from INVITEKIT_ADMIN_*").isEqualTo(401);

            for (String[] command : new String[][]{{"admin", "create", "late@acme.test"},
                    {"admin", "reset-password", "ops@acme.test"}, {"outbox", "dead"}, {"backup", "copy.zip"}, {"migrate"}}) {
                Run refused = operator.run(command);
                assertThat(refused.exit()).as(String.join(" ", command) + ":\n" + refused.output()).isEqualTo(3);
                assertThat(refused.output()).contains("The H2 database is in use by another process: is the server running?");
            }
            assertThat(login(server, "late@acme.test", "whatever password").status()).isEqualTo(401);
        }
        Run taken = operator.run("admin", "create", "ops@acme.test");
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.output()).contains("email_taken");
    }

    @Test
    void reset_password_ends_every_session_and_only_the_new_password_logs_in() throws Exception {
        String token;
        try (Operator.Server server = operator.startServer()) {
            token = login(server, ADMIN, ADMIN_PASSWORD).text("access_token");
            assertThat(server.call("GET", "/api/me", token, null).status()).isEqualTo(200);
            assertThat(server.terminate()).isIn(0, 143);
        }

        Run piped = operator.runWith(NEW_PASSWORD, Map.of(), "admin", "reset-password", ADMIN, "--password-stdin");
        assertThat(piped.exit()).as(piped.output()).isZero();
        assertThat(piped.output()).contains("every session of the account has ended").doesNotContain(NEW_PASSWORD);

        try (Operator.Server server = operator.startServer()) {
            assertThat(server.call("GET", "/api/me", token, null).status()).as("the old session").isEqualTo(401);
            assertThat(login(server, ADMIN, ADMIN_PASSWORD).status()).isEqualTo(401);
            assertThat(login(server, ADMIN, NEW_PASSWORD).status()).isEqualTo(200);
            assertThat(server.terminate()).isIn(0, 143);
        }

        Run generated = operator.run("admin", "reset-password", ADMIN);
        assertThat(generated.exit()).as(generated.output()).isZero();
        String oneTime = generated.after("Password (shown once):");
        Run unknown = operator.run("admin", "reset-password", "nobody@acme.test");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.output()).contains("not_found");
        Run weak = operator.runWith("short", Map.of(), "admin", "reset-password", ADMIN, "--password-stdin");
        assertThat(weak.exit()).isEqualTo(1);
        assertThat(weak.output()).contains("validation_failed");

        try (Operator.Server server = operator.startServer()) {
            assertThat(login(server, ADMIN, NEW_PASSWORD).status()).isEqualTo(401);
            assertThat(login(server, ADMIN, oneTime).status()).isEqualTo(200);
        }
    }

    @Test
    void a_dead_invitation_email_is_listed_retried_and_then_sent_with_a_link_that_works() throws Exception {
        String invitationId = anInvitationWhoseEmailDied();

        Run dead = operator.run("outbox", "dead");
        assertThat(dead.exit()).as(dead.output()).isZero();
        assertThat(dead.output()).contains("tenant_invitation", "to owner@example.org", "about " + invitationId,
                "550 no such user");
        String messageId = dead.output().strip().split("\\s+")[0];

        Run retried = operator.run("outbox", "retry", messageId);
        assertThat(retried.exit()).as(retried.output()).isZero();
        assertThat(retried.output()).contains("Invitation " + invitationId + " to owner@example.org is resent");
        Run notDead = operator.run("outbox", "retry", java.util.UUID.randomUUID().toString());
        assertThat(notDead.exit()).isEqualTo(1);
        assertThat(notDead.output()).contains("not_found");

        try (Operator.Server server = operator.startServer()) {
            assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("the resent email within 30 s").isTrue();
            MimeMessage email = smtp.getReceivedMessages()[0];
            Matcher link = LINK.matcher(Emails.plainText(email));
            assertThat(link.find()).isTrue();
            Reply preview = server.anonymous("GET", "/api/platform/tenant-invitations/token/" + link.group(1));
            assertThat(preview.status()).as(preview.body()).isEqualTo(200);
            assertThat(preview.text("email")).isEqualTo("owner@example.org");
        }
    }

    /** In this process, on the H2 file, with a mail server that refuses the recipient for good. */
    private String anInvitationWhoseEmailDied() {
        try (HikariDataSource dataSource = Databases.pool(DatabaseSettings.of(dbUrl))) {
            Invitekit kit = Invitekit.builder().storage(JdbiStorage.migrateAndCreate(dataSource))
                    .passwordHasher(new FastInsecurePasswordHasher(new java.util.Random(7)))
                    .mailSender(mail -> {
                        throw new MailDeliveryException("550 no such user", true, null);
                    })
                    .build();
            kit.accounts().createFirstPlatformAdmin("inviter@acme.test", "an inviter's password");
            Actor inviter = kit.accounts().authenticate(kit.accounts().login(
                    io.invitekit.application.port.in.LogIn.with("inviter@acme.test", "an inviter's password")).accessToken())
                    .orElseThrow();
            InvitationView invitation = kit.invitations().create(inviter,
                    NewTenantInvitation.to("owner@example.org").businessName("Bright Bakery"));
            assertThat(kit.delivery().relayOnce().dead()).isEqualTo(1);
            return invitation.id().toString();
        }
    }

    @Test
    void backup_writes_a_copy_that_a_server_starts_on() throws Exception {
        assertThat(operator.run("migrate").exit()).isZero();
        Run created = operator.run("admin", "create", "ops@acme.test");
        String password = created.after("Password (shown once):");

        Run backup = operator.run("backup", "invitekit-backup.zip");
        assertThat(backup.exit()).as(backup.output()).isZero();
        Path zip = work.resolve("invitekit-backup.zip");
        assertThat(zip).isRegularFile();
        Run again = operator.run("backup", "invitekit-backup.zip");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.output()).contains("exists already");

        Path restored = Operator.freshDirectory("restored");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("invitekit.mv.db");
            Files.copy(in, restored.resolve(entry.getName()));
        }
        String restoredUrl = "jdbc:h2:file:" + restored.resolve("invitekit") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
        try (Operator.Server server = new Operator(restored, environment(restoredUrl)).startServer()) {
            assertThat(login(server, "ops@acme.test", password).status()).isEqualTo(200);
        }
    }
}
