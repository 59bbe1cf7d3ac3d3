package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.DeliveryResult;
import io.invitekit.application.port.out.MailBatch;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.OutgoingMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends over SMTP with Jakarta Mail (Angus): a {@code multipart/alternative} of plain text and
 * HTML in UTF-8, and a {@code Message-ID} derived from the outbox message id, so every attempt at
 * one email carries the same id and a receiver can recognize a duplicate. {@link #send} uses one
 * connection for its message; a {@link #batch} uses one connection for all its messages (opened
 * at its first message, reset with {@code RSET} after a message fails, and opened again only when
 * the server dropped it). Every failure leaves as a {@link MailDeliveryException} or, in a batch,
 * as that message's {@link DeliveryResult}.
 */
public final class SmtpMailSender implements MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SmtpSettings settings;
    private final MailRenderer renderer;
    private final Clock clock;
    private final Session session;
    private final InternetAddress from;
    private final String server;

    /** English templates and the system clock for the {@code Date} header. */
    public SmtpMailSender(SmtpSettings settings) {
        this(settings, MailRenderer.english(), Clock.systemUTC());
    }

    public SmtpMailSender(SmtpSettings settings, MailRenderer renderer, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.session = Session.getInstance(sessionProperties(settings));
        this.server = settings.host() + ":" + settings.port();
        try {
            this.from = new InternetAddress(settings.from().value(), settings.fromName(), UTF_8);
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException("UTF-8 is always supported", impossible);
        }
    }

    private static Properties sessionProperties(SmtpSettings s) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", Integer.toString(s.port()));
        p.setProperty("mail.smtp.from", s.from().value()); // the envelope sender, where bounces go
        p.setProperty("mail.smtp.auth", Boolean.toString(s.username() != null));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(s.startTls()));
        // Without "required", a man in the middle who hides STARTTLS gets the password in clear text.
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(s.startTls()));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(s.readTimeout().toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(s.writeTimeout().toMillis()));
        return p;
    }

    /** The {@code Message-ID} of every attempt at sending the outbox message {@code id}. */
    public String messageIdFor(OutboxMessageId id) {
        return "<" + id.value() + "@" + settings.from().domain() + ">";
    }

    @Override
    public void send(OutgoingMail mail) {
        try (Connection connection = new Connection(false)) {
            connection.send(mail);
        }
    }

    @Override
    public MailBatch batch() {
        return new Batch();
    }

    /** A batch over one connection; each message's failure is its own result. */
    private final class Batch implements MailBatch {
        private final Connection connection = new Connection(true);

        @Override
        public DeliveryResult send(OutgoingMail mail) {
            try {
                connection.send(mail);
                return DeliveryResult.delivered();
            } catch (MailDeliveryException failure) {
                return DeliveryResult.of(failure);
            }
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    /** One SMTP connection, opened at the first message and again only after the server dropped it. */
    private final class Connection implements AutoCloseable {
        private final boolean forMore;
        private Transport transport;

        /** @param forMore whether more messages may follow, so that a failure resets the connection for them */
        Connection(boolean forMore) {
            this.forMore = forMore;
        }

        void send(OutgoingMail mail) {
            RenderedEmail email = renderer.render(mail.mail());
            MimeMessage message = compose(mail, email);
            try {
                if (transport == null) {
                    transport = session.getTransport("smtp");
                    transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
                }
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException | RuntimeException failure) {
                LOG.debug("email {} was not handed to {}", mail.id(), server, failure);
                MailDeliveryException translated = SmtpFailures.translate(failure, server);
                resetAfterFailure();
                throw translated;
            }
            LOG.debug("email {} ({}) handed to {} for {}", mail.id(), mail.kind(), server, mail.to());
        }

        /**
         * After a failed message the server may still be in its mail transaction: {@code RSET}
         * ends it, so that the next message starts clean. A connection that does not answer
         * {@code 250} (or is gone) is closed, and the next message opens a new one.
         */
        private void resetAfterFailure() {
            if (transport == null) {
                return;
            }
            if (!forMore) {
                close();
                return;
            }
            boolean usable = false;
            try {
                usable = transport instanceof SMTPTransport smtp && smtp.isConnected() && smtp.simpleCommand("RSET") == 250;
            } catch (MessagingException | RuntimeException gone) {
                LOG.debug("the connection to {} cannot be reset", server, gone);
            }
            if (!usable) {
                close();
            }
        }

        @Override
        public void close() {
            closeQuietly(transport);
            transport = null;
        }
    }

    private MimeMessage compose(OutgoingMail mail, RenderedEmail email) {
        InternetAddress to = HeaderSafety.recipient(mail.to());
        String subject = HeaderSafety.singleLine("Subject", email.subject());
        HeaderSafety.singleLine("From", from.toString());
        String messageId = HeaderSafety.singleLine("Message-ID", messageIdFor(mail.id()));
        try {
            MimeMessage message = new StableIdMimeMessage(session, messageId);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(subject, UTF_8);
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies, please

            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text(), UTF_8, "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), UTF_8, "html");
            MimeMultipart alternatives = new MimeMultipart("alternative"); // the last part is the preferred one
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
            message.setContent(alternatives);
            message.saveChanges();
            return message;
        } catch (MessagingException | RuntimeException unbuildable) {
            LOG.debug("email {} could not be built", mail.id(), unbuildable);
            throw new MailDeliveryException("the email cannot be built: " + Rendering.oneLine(String.valueOf(
                    unbuildable.getMessage())), true, null);
        }
    }

    /** Once the server has taken the message, a failing QUIT must not make it look unsent (and send it twice). */
    private void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            LOG.debug("closing the connection to {} failed", server, ignored);
        }
    }
}
