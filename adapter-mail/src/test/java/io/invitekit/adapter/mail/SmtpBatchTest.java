package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.adapter.mail.ScriptedSmtpServer.Script;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.port.in.DeliveryUseCase.RelayReport;
import io.invitekit.application.port.in.DeliveryView;
import io.invitekit.application.port.in.InvitationView;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.out.DeliveryResult;
import io.invitekit.application.port.out.MailBatch;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A batch goes over one SMTP connection, and each of its messages gets its own outcome. */
class SmtpBatchTest {
    private static final long WAIT_MS = 5_000;
    private static final EmailAddress FROM = EmailAddress.of("noreply@acme.example");
    private static final String REFUSED = "refused@example.com";
    private static final String BUSY = "busy@example.com";
    private static final String TAKEN = "taken@example.com";
    private static final Map<String, String> RCPT_REPLIES = Map.of(
            REFUSED, "550 5.1.1 no such user here",
            BUSY, "450 4.2.1 mailbox busy");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));

    private SmtpMailSender senderTo(ScriptedSmtpServer server) {
        return new SmtpMailSender(SmtpSettings.of("127.0.0.1", server.port(), FROM, "Acme Cloud")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                MailRenderer.english(), clock);
    }

    @Test
    void a_batch_sends_all_its_messages_over_one_connection() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting())) {
            List<DeliveryResult> results = new ArrayList<>();
            try (MailBatch batch = senderTo(server).batch()) {
                for (int i = 0; i < 3; i++) {
                    results.add(batch.send(Mails.outgoing("o" + i + "@example.com", Mails.invitation())));
                }
            }

            assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r).isInstanceOf(DeliveryResult.Delivered.class));
            assertThat(server.acceptedMessages()).isEqualTo(3);
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.commands()).filteredOn(c -> c.startsWith("EHLO")).hasSize(1);
            assertThat(server.commands()).filteredOn(c -> c.startsWith("MAIL FROM")).hasSize(3);
            assertThat(server.commands()).last().isEqualTo("QUIT");
        }
    }

    @Test
    void a_server_that_drops_the_connection_mid_batch_is_connected_to_again_and_the_rest_go_out_once_each()
            throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting()).droppingAt("o2@example.com")) {
            List<DeliveryResult> results = new ArrayList<>();
            try (MailBatch batch = senderTo(server).batch()) {
                for (int i = 0; i < 5; i++) {
                    results.add(batch.send(Mails.outgoing("o" + i + "@example.com", Mails.invitation())));
                }
            }

            assertThat(results.get(2)).isInstanceOfSatisfying(DeliveryResult.RetryLater.class,
                    r -> assertThat(r.reason()).contains("421"));
            assertThat(List.of(results.get(0), results.get(1), results.get(3), results.get(4)))
                    .allSatisfy(r -> assertThat(r).isInstanceOf(DeliveryResult.Delivered.class));
            assertThat(server.acceptedRecipients()).as("each once, the one that failed not at all")
                    .containsExactly("o0@example.com", "o1@example.com", "o3@example.com", "o4@example.com");
            assertThat(server.connections()).as("the first, then one after the drop").isEqualTo(2);
            assertThat(server.commands()).filteredOn(c -> c.startsWith("EHLO")).hasSize(2);
        }
    }

    @Test
    void the_relay_sends_a_round_to_greenmail_over_one_connection_each_email_once() throws Exception {
        try (CountingProxy proxy = new CountingProxy(greenMail.getSmtp().getPort())) {
            SmtpMailSender sender = new SmtpMailSender(SmtpSettings.of("127.0.0.1", proxy.port(), FROM, "Acme Cloud"),
                    MailRenderer.english(), clock);
            Invitekit kit = Invitekit.builder().inMemory().storage(new InMemoryStorage()).clock(clock).mailSender(sender)
                    .settings(InvitekitSettings.defaults().toBuilder().platformName("Acme Cloud")
                            .baseUrl(URI.create("https://app.acme.example")).build())
                    .build();
            kit.accounts().createFirstPlatformAdmin("admin@acme.example", "correct horse battery staple");
            Actor admin = kit.accounts().authenticate(kit.accounts().login(
                    LogIn.with("admin@acme.example", "correct horse battery staple")).accessToken()).orElseThrow();
            int emails = 12;
            for (int i = 0; i < emails; i++) {
                kit.invitations().create(admin, NewTenantInvitation.to("g" + i + "@example.com"));
            }

            assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(emails, emails, 0, 0));

            assertThat(greenMail.waitForIncomingEmail(WAIT_MS, emails)).isTrue();
            List<String> received = Arrays.stream(greenMail.getReceivedMessages()).map(SmtpBatchTest::messageIdAndRecipient)
                    .toList();
            assertThat(received).hasSize(emails).doesNotHaveDuplicates();
            assertThat(received.stream().map(r -> r.substring(0, r.indexOf(' '))).distinct()).hasSize(emails);
            assertThat(proxy.connections()).as("one SMTP session for the whole round").isEqualTo(1);
            assertThat(kit.delivery().relayOnce().claimed()).isZero();
        }
    }

    @Test
    void messages_sent_one_by_one_each_open_their_own_connection() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting())) {
            SmtpMailSender sender = senderTo(server);
            for (int i = 0; i < 3; i++) {
                sender.send(Mails.outgoing("o" + i + "@example.com", Mails.invitation()));
            }

            assertThat(server.acceptedMessages()).isEqualTo(3);
            assertThat(server.connections()).isEqualTo(3);
        }
    }

    @Test
    void in_a_batch_a_refused_and_a_deferred_recipient_get_their_own_outcome_and_the_connection_goes_on()
            throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting(), RCPT_REPLIES)) {
            DeliveryResult refused;
            DeliveryResult busy;
            DeliveryResult taken;
            try (MailBatch batch = senderTo(server).batch()) {
                refused = batch.send(Mails.outgoing(REFUSED, Mails.invitation()));
                busy = batch.send(Mails.outgoing(BUSY, Mails.invitation()));
                taken = batch.send(Mails.outgoing(TAKEN, Mails.invitation()));
            }

            assertThat(refused).isInstanceOfSatisfying(DeliveryResult.Refused.class, r -> assertThat(r.reason())
                    .contains("refused the recipient").contains("550 5.1.1 no such user here"));
            assertThat(busy).isInstanceOfSatisfying(DeliveryResult.RetryLater.class, r -> assertThat(r.reason())
                    .contains("deferred the recipient").contains("450 4.2.1 mailbox busy"));
            assertThat(taken).isInstanceOf(DeliveryResult.Delivered.class);
            assertThat(server.acceptedMessages()).isEqualTo(1);
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.commands()).filteredOn(c -> c.startsWith("RCPT"))
                    .containsExactly("RCPT TO:<" + REFUSED + ">", "RCPT TO:<" + BUSY + ">", "RCPT TO:<" + TAKEN + ">");
        }
    }

    @Test
    void the_relay_sends_a_round_as_one_batch_and_records_each_message_s_outcome() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(Script.accepting(), RCPT_REPLIES)) {
            InMemoryStorage storage = new InMemoryStorage();
            Invitekit kit = Invitekit.builder().inMemory().storage(storage).clock(clock).mailSender(senderTo(server))
                    .settings(InvitekitSettings.defaults().toBuilder().platformName("Acme Cloud")
                            .baseUrl(URI.create("https://app.acme.example")).build())
                    .build();
            kit.accounts().createFirstPlatformAdmin("admin@acme.example", "correct horse battery staple");
            Actor admin = kit.accounts().authenticate(kit.accounts().login(
                LogIn.with("admin@acme.example", "correct horse battery staple")).accessToken()).orElseThrow();
            List<InvitationView> invitations = new ArrayList<>();
            for (String email : List.of(REFUSED, BUSY, TAKEN)) {
                invitations.add(kit.invitations().create(admin, NewTenantInvitation.to(email)));
                clock.advance(Duration.ofSeconds(1)); // claimed oldest first: in this order
            }

            assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(3, 1, 1, 1));

            DeliveryView refused = kit.invitations().get(admin, invitations.get(0).id()).delivery();
            assertThat(refused.state()).isEqualTo("DEAD");
            assertThat(refused.lastError()).contains("550 5.1.1 no such user here");
            DeliveryView busy = kit.invitations().get(admin, invitations.get(1).id()).delivery();
            assertThat(busy.state()).isEqualTo("RETRYING");
            assertThat(busy.attempts()).isEqualTo(1);
            assertThat(busy.lastError()).contains("450 4.2.1 mailbox busy");
            assertThat(kit.invitations().get(admin, invitations.get(2).id()).delivery())
                    .isEqualTo(new DeliveryView("SENT", 1, null));
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.acceptedMessages()).isEqualTo(1);
        }
    }

    @Test
    void a_batch_to_a_real_server_delivers_each_message_with_its_own_stable_message_id() throws Exception {
        SmtpMailSender sender = new SmtpMailSender(SmtpSettings.of(greenMail.getSmtp().getBindTo(),
                greenMail.getSmtp().getPort(), FROM, "Acme Cloud"), MailRenderer.english(), clock);
        OutboxMessageId first = new OutboxMessageId(UUID.randomUUID());
        OutboxMessageId second = new OutboxMessageId(UUID.randomUUID());

        try (MailBatch batch = sender.batch()) {
            assertThat(batch.send(Mails.outgoing(first, "a@example.com", Mails.invitation())))
                    .isInstanceOf(DeliveryResult.Delivered.class);
            assertThat(batch.send(Mails.outgoing(second, "b@example.com", Mails.invitation())))
                    .isInstanceOf(DeliveryResult.Delivered.class);
        }

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 2)).isTrue();
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(SmtpBatchTest::messageIdAndRecipient))
                .containsExactlyInAnyOrder(sender.messageIdFor(first) + " a@example.com",
                        sender.messageIdFor(second) + " b@example.com");
    }

    private static String messageIdAndRecipient(MimeMessage message) {
        try {
            return message.getHeader("Message-ID")[0] + " " + message.getAllRecipients()[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
