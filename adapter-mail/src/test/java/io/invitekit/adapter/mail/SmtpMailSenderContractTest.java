package io.invitekit.adapter.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.testing.contract.RemoteMailSenderContract;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MailSender contract, spoken over SMTP to a GreenMail server (a new one for each test). */
class SmtpMailSenderContractTest extends RemoteMailSenderContract {
    private static final long WAIT_MS = 10_000;
    private static final EmailAddress FROM = EmailAddress.of("noreply@acme.example");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));

    @Override
    protected MailSender sender() {
        return senderTo(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort());
    }

    @Override
    protected Optional<List<EmailAddress>> taken(int atLeast) {
        greenMail.waitForIncomingEmail(WAIT_MS, atLeast); // and then whatever arrived: the suite judges it
        return Optional.of(Arrays.stream(greenMail.getReceivedMessages()).map(SmtpMailSenderContractTest::recipient)
                .toList());
    }

    @Override
    protected MailSender unreachableSender() {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return senderTo("127.0.0.1", closedPort);
    }

    private SmtpMailSender senderTo(String host, int port) {
        Duration timeout = Duration.ofSeconds(5);
        return new SmtpMailSender(SmtpSettings.of(host, port, FROM, "Acme Cloud").withTimeouts(timeout, timeout, timeout),
                MailRenderer.english(), clock);
    }

    private static EmailAddress recipient(MimeMessage message) {
        try {
            return EmailAddress.of(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
