package io.invitekit.adapter.mail;

import io.invitekit.application.inmemory.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.domain.shared.EmailAddress;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpMailSenderTest {
    private static final long WAIT_MS = 5_000;
    private static final EmailAddress FROM = EmailAddress.of("noreply@acme.example");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@acme.example", "mailer", "s3cret-pass"));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T09:15:30Z"));

    private SmtpSettings settings() {
        return SmtpSettings.of(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort(), FROM, "Acme Cloud");
    }

    private SmtpMailSender sender(SmtpSettings settings) {
        return new SmtpMailSender(settings, MailRenderer.english(), clock);
    }

    @Test
    void the_invitation_arrives_as_plain_text_and_html_alternatives_with_the_link_in_both() throws Exception {
        OutboxMessageId id = new OutboxMessageId(UUID.randomUUID());

        sender(settings()).send(Mails.outgoing(id, "owner@example.com", Mails.invitation()));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("owner@example.com");
        assertThat(received.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(received.getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(received.getSubject()).isEqualTo("You're invited to create your business on Acme Cloud");
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("noreply@acme.example");
        assertThat(from.getPersonal()).isEqualTo("Acme Cloud");
        assertThat(received.getSentDate().toInstant()).isEqualTo(clock.instant());
        assertThat(received.getHeader("Message-ID")).containsExactly("<" + id.value() + "@acme.example>");
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");

        assertThat(received.isMimeType("multipart/alternative")).isTrue();
        MimeMultipart parts = Received.alternatives(received);
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(0).getContentType().toLowerCase(Locale.ROOT)).contains("charset=utf-8");
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(parts.getBodyPart(1).getContentType().toLowerCase(Locale.ROOT)).contains("charset=utf-8");
        String text = Received.partText(parts.getBodyPart(0));
        String html = Received.partText(parts.getBodyPart(1));
        assertThat(text).contains("Ada Lovelace from Acme Cloud has invited you to create your own business account.")
                .contains(Mails.LINK);
        assertThat(html).contains("<a href=\"" + Mails.LINK + "\"").contains("<li>Accept online payments</li>");
        assertThat(Received.rawHeaders(received)).doesNotContain("token=");
    }

    @Test
    void the_message_id_is_derived_from_the_outbox_id_and_the_same_on_every_attempt() throws Exception {
        SmtpMailSender sender = sender(settings());
        OutboxMessageId id = new OutboxMessageId(UUID.randomUUID());
        OutboxMessageId other = new OutboxMessageId(UUID.randomUUID());

        sender.send(Mails.outgoing(id, "owner@example.com", Mails.invitation()));
        sender.send(Mails.outgoing(id, "owner@example.com", Mails.invitation()));
        sender.send(Mails.outgoing(other, "owner@example.com", Mails.invitation()));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 3)).isTrue();
        String derived = "<" + id.value() + "@acme.example>";
        assertThat(sender.messageIdFor(id)).isEqualTo(derived);
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(SmtpMailSenderTest::messageId))
                .containsExactly(derived, derived, "<" + other.value() + "@acme.example>");
    }

    @Test
    void non_ascii_names_travel_encoded_and_arrive_intact() throws Exception {
        SmtpSettings settings = SmtpSettings.of(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort(), FROM,
                "Café Zürich");

        sender(settings).send(Mails.outgoing("owner@example.com",
                Mails.with(Mails.invitation(), "Café Zürich", "Zoë Ŝmith 🎉", "Bäckerei Müller")));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("You're invited to create your business on Café Zürich");
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("Café Zürich");
        assertThat(Received.partText(Received.alternatives(received).getBodyPart(0)))
                .contains("Zoë Ŝmith 🎉 from Café Zürich has invited you")
                .contains("Suggested business name: Bäckerei Müller");
    }

    @Test
    void it_logs_in_when_credentials_are_configured() throws Exception {
        sender(settings().withCredentials("mailer", "s3cret-pass"))
                .send(Mails.outgoing("owner@example.com", Mails.invitation()));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
    }

    @Test
    void a_refused_login_is_worth_another_try_once_the_operator_fixed_it() {
        SmtpMailSender sender = sender(settings().withCredentials("mailer", "wrong-password"));

        assertThatThrownBy(() -> sender.send(Mails.outgoing("owner@example.com", Mails.invitation())))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isFalse())
                .hasMessageContaining("refused the login")
                .hasMessageNotContaining("wrong-password");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void with_starttls_required_a_server_without_it_gets_nothing_in_clear_text() {
        SmtpMailSender sender = sender(settings().withCredentials("mailer", "s3cret-pass").withStartTls(true));

        assertThatThrownBy(() -> sender.send(Mails.outgoing("owner@example.com", Mails.invitation())))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isFalse())
                .hasMessageContaining("STARTTLS");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_server_that_is_not_there_is_a_failure_worth_retrying() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        SmtpMailSender sender = sender(SmtpSettings.of("127.0.0.1", closedPort, FROM, "Acme Cloud"));

        assertThatThrownBy(() -> sender.send(Mails.outgoing("owner@example.com", Mails.invitation())))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.getCause()).isNull(); // nothing of Jakarta Mail crosses the port
                })
                .hasMessageContaining("cannot connect to the SMTP server 127.0.0.1:" + closedPort);
    }

    @Test
    void a_mail_that_cannot_be_rendered_fails_for_good_before_any_connection() {
        OutgoingMail mail = Mails.outgoing("owner@example.com", Mails.withLink(Mails.invitation(), "ftp://example.com/#t"));

        assertThatThrownBy(() -> sender(settings()).send(mail))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue());
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getHeader("Message-ID")[0];
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
