package io.invitekit.bootstrap.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.mail.MailRenderer;
import io.invitekit.adapter.mail.SmtpMailSender;
import io.invitekit.adapter.mail.SmtpSettings;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.domain.shared.EmailAddress;
import jakarta.mail.internet.MimeMessage;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two relays (two application instances) share one PostgreSQL outbox and one real SMTP server. */
class TwoRelaysOnePostgresOutboxTest {
    private static final int EMAILS = 200;

    private String url;
    private String schema;
    private HikariDataSource dataSource;
    private GreenMail smtp;

    @BeforeEach
    void setUp() throws Exception {
        url = System.getenv("INVITEKIT_TEST_PG_URL");
        if (url == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("CI=true, so the PostgreSQL tests must run, but INVITEKIT_TEST_PG_URL is not set");
        }
        assumeTrue(url != null, "INVITEKIT_TEST_PG_URL is not set");
        schema = "relays_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("CREATE SCHEMA " + schema);
        dataSource = Databases.pool(DatabaseSettings.of(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema));
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (smtp != null) {
            smtp.stop();
        }
        if (dataSource != null) {
            dataSource.close();
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void twoRelaysDeliverEveryMessageOnceWithNoMessageIdTwice() throws Exception {
        JdbiStorage storage = JdbiStorage.migrateAndCreate(dataSource);
        Invitekit first = node(storage);
        Invitekit second = node(storage);
        first.accounts().createFirstPlatformAdmin("root@acme.test", "a long admin password");
        Actor admin = first.accounts().authenticate(
                first.accounts().login(LogIn.with("root@acme.test", "a long admin password")).accessToken()).orElseThrow();
        for (int i = 0; i < EMAILS; i++) {
            first.invitations().create(admin, NewTenantInvitation.to("owner" + i + "@example.org"));
        }

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> relays = new ArrayList<>();
        for (Invitekit node : List.of(first, second)) {
            relays.add(pool.submit(() -> {
                go.await();
                int sent = 0;
                Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
                while (storage.outbox().backlog() > 0 && Instant.now().isBefore(deadline)) {
                    sent += node.delivery().relayOnce().sent();
                }
                return sent;
            }));
        }
        go.countDown();
        int firstSent = relays.get(0).get(120, TimeUnit.SECONDS);
        int secondSent = relays.get(1).get(120, TimeUnit.SECONDS);
        pool.shutdownNow();

        assertThat(firstSent + secondSent).isEqualTo(EMAILS);
        assertThat(firstSent).as("both relays took part").isPositive();
        assertThat(secondSent).as("both relays took part").isPositive();
        assertThat(smtp.waitForIncomingEmail(30_000, EMAILS)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(EMAILS);
        Set<String> ids = new HashSet<>();
        Set<String> recipients = new HashSet<>();
        for (MimeMessage message : received) {
            assertThat(ids.add(message.getMessageID())).as("Message-ID %s once", message.getMessageID()).isTrue();
            recipients.add(message.getAllRecipients()[0].toString());
        }
        assertThat(recipients).hasSize(EMAILS);
        assertThat(storage.outbox().backlog()).isZero();
    }

    private Invitekit node(JdbiStorage storage) {
        SecureRandom random = new SecureRandom();
        SmtpSettings smtpSettings = SmtpSettings.of("127.0.0.1", smtp.getSmtp().getPort(), EmailAddress.of("invites@acme.test"),
                "Acme Cloud");
        return Invitekit.builder()
                .settings(InvitekitSettings.defaults().toBuilder().outboxBatchSize(10).build())
                .random(random)
                .storage(storage)
                .mailSender(new SmtpMailSender(smtpSettings, MailRenderer.english(), Clock.systemUTC()))
                .passwordHasher(new FastInsecurePasswordHasher(random))
                .build();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
