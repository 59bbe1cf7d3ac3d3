package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.port.in.DeliveryUseCase.RelayReport;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.PasswordResetRequest;
import io.invitekit.application.port.in.ResetPassword;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.ErrorCode;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Forgot password" end to end over real SMTP: the request queues the email, the real relay
 * sends it through {@link SmtpMailSender} to GreenMail, and the link in the received email sets
 * the new password.
 */
class PasswordResetSmtpTest {
    private static final long WAIT_MS = 5_000;
    private static final String OLD_PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final Pattern LINK = Pattern.compile("https://app\\.acme\\.example/reset-password#token=([A-Za-z0-9_-]{43})");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private Invitekit kit;

    @BeforeEach
    void start() {
        greenMail.start();
        SmtpMailSender sender = new SmtpMailSender(SmtpSettings.of(greenMail.getSmtp().getBindTo(),
                greenMail.getSmtp().getPort(), EmailAddress.of("noreply@acme.example"), "Acme Cloud"),
                MailRenderer.english(), clock);
        InvitekitSettings settings = InvitekitSettings.defaults().toBuilder().platformName("Acme Cloud")
                .baseUrl(URI.create("https://app.acme.example")).build();
        kit = Invitekit.builder().inMemory().storage(new InMemoryStorage()).settings(settings).clock(clock)
                .mailSender(sender).build();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void the_reset_email_arrives_over_smtp_and_its_link_sets_the_new_password() throws Exception {
        kit.accounts().signup(NewAccount.email("ana@example.com").password(OLD_PASSWORD).name("Ana", "Lima")).signedIn();
        kit.delivery().relayOnce(); // the sign-up's verification email
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        greenMail.purgeEmailFromAllMailboxes();

        kit.accounts().requestPasswordReset(PasswordResetRequest.forEmail("ana@example.com").from("203.0.113.9"));
        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("ana@example.com");
        assertThat(received.getSubject()).isEqualTo("Reset your Acme Cloud password");
        String text = Received.partText(Received.alternatives(received).getBodyPart(0));
        String html = Received.partText(Received.alternatives(received).getBodyPart(1));
        assertThat(text).contains("Someone asked to reset the password of your Acme Cloud account.")
                .contains("This link works once, for 60 minutes.");
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("the text part carries the link").isTrue();
        assertThat(html).contains("href=\"" + link.group() + "\"");

        kit.accounts().resetPassword(ResetPassword.token(link.group(1)).password(NEW_PASSWORD).from("203.0.113.9"));

        assertThat(kit.accounts().login(LogIn.with("ana@example.com", NEW_PASSWORD)).user().email())
                .isEqualTo("ana@example.com");
        assertThat(codeOf(() -> kit.accounts().login(LogIn.with("ana@example.com", OLD_PASSWORD))))
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(codeOf(() -> kit.accounts().resetPassword(ResetPassword.token(link.group(1)).password("another passphrase"))))
                .as("the link works once").isEqualTo(ErrorCode.INVALID_RESET_TOKEN);
    }

    @Test
    void an_unknown_email_sends_nothing() throws Exception {
        kit.accounts().requestPasswordReset(PasswordResetRequest.forEmail("nobody@example.com"));

        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(0, 0, 0, 0));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private static ErrorCode codeOf(Runnable call) {
        try {
            call.run();
        } catch (DomainException refused) {
            return refused.code();
        }
        throw new AssertionError("expected a refusal");
    }
}
