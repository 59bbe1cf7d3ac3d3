package io.invitekit.bench.driver;

import io.invitekit.adapter.mail.MailRenderer;
import io.invitekit.adapter.mail.RenderedEmail;
import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.tenant.SubscriptionTier;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * The baseline of the delivery rows: a bare Jakarta Mail (Angus) client, in a JVM of its own
 * with the server's flags, that pushes {@code count} messages of the kind the relay sends
 * ({@code multipart/alternative}, plain text and HTML in UTF-8, an invitation's text, its own
 * {@code Message-ID} and recipient each) over ONE SMTP connection, one after another.
 *
 * <p>The text and HTML are rendered once, before the clock starts, with the server's own English
 * templates, so that the messages are the size of the relay's; what is timed is what any client
 * does per message: build the MIME message and hand it over. No database, no rendering, no lease.
 *
 * <p>Usage: {@code MailBaseline HOST PORT COUNT RECIPIENT_PREFIX}; prints
 * {@code MAILBASELINE <count> <seconds>}.
 */
public final class MailBaseline {
    private MailBaseline() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        String prefix = args[3];

        RenderedEmail email = MailRenderer.english().render(new TenantInvitationMail(EmailAddress.of(prefix + "x@bench.test"),
                "Invitekit", "Platform Admin", SubscriptionTier.STARTER, 5, 50, Set.of(), null,
                Instant.now().plus(Duration.ofDays(7)), 7,
                URI.create("http://127.0.0.1:8080/tenant-onboard#token=" + "T".repeat(43))));
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        properties.setProperty("mail.smtp.from", "invitations@bench.test");
        Session session = Session.getInstance(properties);
        InternetAddress from = new InternetAddress("invitations@bench.test", "Invitekit", StandardCharsets.UTF_8.name());

        long started = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(host, port, null, null);
            for (int i = 0; i < count; i++) {
                MimeMessage message = compose(session, from, prefix + i + "@bench.test", email);
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println("MAILBASELINE " + count + " " + seconds);
    }

    private static MimeMessage compose(Session session, InternetAddress from, String to, RenderedEmail email)
            throws MessagingException {
        String id = "<" + UUID.randomUUID() + "@bench.test>";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        message.setContent(alternatives);
        message.saveChanges();
        return message;
    }
}
