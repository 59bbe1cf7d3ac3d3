package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.AuthResult;
import io.invitekit.application.port.in.DeliveryUseCase.RelayReport;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.SignupResult;
import io.invitekit.application.port.in.VerifyEmail;
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
 * Email verification end to end over real SMTP, with verified emails required: sign-up answers
 * "check your email", the real relay sends the email through {@link SmtpMailSender} to GreenMail,
 * and the link in the received email verifies the address and signs the user in. A second
 * sign-up with the taken address tells its owner by email instead.
 */
class EmailVerificationSmtpTest {
    private static final long WAIT_MS = 5_000;
    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern LINK = Pattern.compile("https://app\\.acme\\.example/verify-email#token=([A-Za-z0-9_-]{43})");

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
                .baseUrl(URI.create("https://app.acme.example")).requireVerifiedEmail(true).build();
        kit = Invitekit.builder().inMemory().storage(new InMemoryStorage()).settings(settings).clock(clock)
                .mailSender(sender).build();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void the_verification_email_arrives_over_smtp_and_its_link_verifies_and_signs_in() throws Exception {
        SignupResult answer = kit.accounts().signup(NewAccount.email("ana@example.com").password(PASSWORD)
                .name("Ana", "Lima").from("203.0.113.9"));
        assertThat(answer.verificationRequired()).isTrue();
        assertThat(codeOf(() -> kit.accounts().login(LogIn.with("ana@example.com", PASSWORD))))
                .isEqualTo(ErrorCode.EMAIL_NOT_VERIFIED);

        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("ana@example.com");
        assertThat(received.getSubject()).isEqualTo("Confirm your email address for Acme Cloud");
        String text = Received.partText(Received.alternatives(received).getBodyPart(0));
        String html = Received.partText(Received.alternatives(received).getBodyPart(1));
        assertThat(text).contains("This link works once, for 24 hours.");
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("the text part carries the link").isTrue();
        assertThat(html).contains("href=\"" + link.group() + "\"");

        AuthResult signedIn = kit.accounts().verifyEmail(VerifyEmail.token(link.group(1)).password(PASSWORD).from("203.0.113.9"));

        assertThat(signedIn.user().email()).isEqualTo("ana@example.com");
        assertThat(kit.accounts().me(Actor.user(signedIn.user().id())).emailVerified()).isTrue();
        assertThat(kit.accounts().login(LogIn.with("ana@example.com", PASSWORD)).user().id())
                .isEqualTo(signedIn.user().id());
        assertThat(codeOf(() -> kit.accounts().verifyEmail(VerifyEmail.token(link.group(1)).password(PASSWORD))))
                .as("the link works once").isEqualTo(ErrorCode.INVALID_VERIFICATION_TOKEN);
    }

    @Test
    void a_sign_up_with_a_taken_address_tells_its_owner_by_email() throws Exception {
        kit.accounts().signup(NewAccount.email("ana@example.com").password(PASSWORD).name("Ana", "Lima"));
        kit.delivery().relayOnce();
        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        greenMail.purgeEmailFromAllMailboxes();

        kit.accounts().signup(NewAccount.email("ana@example.com").password("someone else's password").name("Eve", "X"));
        assertThat(kit.delivery().relayOnce()).isEqualTo(new RelayReport(1, 1, 0, 0));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Someone tried to sign up for Acme Cloud with your email address");
        assertThat(Received.partText(Received.alternatives(received).getBodyPart(0)))
                .contains("https://app.acme.example/login").contains("https://app.acme.example/forgot-password");
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
