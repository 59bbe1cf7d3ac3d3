package io.invitekit.adapter.mail;

import io.invitekit.application.inmemory.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.application.Invitekit;
import io.invitekit.application.inmemory.InMemoryStorage;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewTenantInvitation;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.InvalidValueException;
import io.invitekit.domain.shared.ValidationException;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CR/LF smuggled into any value that reaches a message: no header and no recipient can be added. */
class HeaderInjectionTest {
    private static final long WAIT_MS = 5_000;
    private static final String OWNER = "owner@example.com";
    private static final String EVIL = "evil@example.com";
    /** Every header a message of ours arrives with: ours, plus GreenMail's Return-Path and Received. */
    private static final String[] EXPECTED_HEADERS = {"Return-Path", "Received", "Date", "From", "To", "Message-ID",
            "Subject", "Auto-Submitted", "MIME-Version", "Content-Type"};

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));

    private SmtpMailSender sender() {
        return new SmtpMailSender(SmtpSettings.of(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort(),
                EmailAddress.of("noreply@acme.example"), "Acme Cloud"), MailRenderer.english(), clock);
    }

    @Test
    void line_breaks_in_the_inviter_and_business_names_add_no_header_and_no_recipient() throws Exception {
        String inviter = "Ada\r\nBcc: " + EVIL + "\r\nX-Injected: 1";
        String business = "Bob\r\nX-Injected: 1\r\n\r\n.\r\nMAIL FROM:<" + EVIL + ">\r\nRCPT TO:<" + EVIL + ">\r\nDATA\r\n"
                + "X-Injected: 1\r\n\r\nsmuggled\r\n.\r\n";

        sender().send(Mails.outgoing(OWNER, Mails.with(Mails.invitation(), "Acme Cloud", inviter, business)));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        // send() returns after QUIT was answered: anything smuggled would have been delivered by now.
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(Received.countFor(greenMail, OWNER)).isEqualTo(1);
        assertThat(Received.countFor(greenMail, EVIL)).isZero();
        assertThat(greenMail.getUserManager().getUserByEmail(EVIL)).isNull();
        MimeMessage message = received[0];
        assertThat(Received.headerNames(message)).containsExactlyInAnyOrder(EXPECTED_HEADERS);
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getHeader("X-Injected")).isNull();
        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly(OWNER);
        assertThat(message.getRecipients(Message.RecipientType.BCC)).isNull();
        // The text is still there, harmlessly, on the line where it belongs.
        assertThat(Received.partText(Received.alternatives(message).getBodyPart(0)))
                .contains("Ada  Bcc: " + EVIL + "  X-Injected: 1 from Acme Cloud has invited you");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme\r\nBcc: evil@example.com", "Acme\nX-Injected: 1", "Acme\rX-Injected: 1",
            "Acme\u2028X-Injected: 1", "Acme\u0000"})
    void a_line_break_in_the_subject_refuses_the_message_before_anything_is_sent(String platformName) {
        assertThatThrownBy(() -> sender().send(Mails.outgoing(OWNER, Mails.with(Mails.invitation(), platformName,
                "Ada Lovelace", null)))).isInstanceOfSatisfying(MailDeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e).hasMessageContaining("Subject").hasMessageContaining("nothing was sent");
                });

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(greenMail.getUserManager().listUser()).isEmpty(); // not even a recipient was announced
    }

    @Test
    void a_recipient_with_a_line_break_cannot_even_be_expressed_at_the_port() {
        assertThatThrownBy(() -> EmailAddress.of(OWNER + "\r\nBcc: " + EVIL)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> EmailAddress.of("owner\r\n@example.com")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void a_trailing_line_break_on_a_recipient_is_trimmed_away_and_the_mail_goes_to_that_one_address() throws Exception {
        sender().send(Mails.outgoing(OWNER + "\r\n", Mails.invitation()));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()).extracting(Object::toString)
                .containsExactly(OWNER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<owner@example.com>", "owner..twice@example.com", "owner.@example.com",
            "owner@example.com>", "owner(comment)@example.com", "group:owner@example.com;", "own;er@example.com",
            "own,er@example.com"})
    void a_recipient_that_is_not_one_plain_rfc_5322_address_cannot_even_be_addressed(String recipient) {
        // The domain refuses these before any message exists; the sender's own strict recipient check
        // stays as a second line for addresses that reach it by other means.
        assertThatThrownBy(() -> Mails.outgoing(recipient, Mails.invitation()))
                .isInstanceOf(io.invitekit.domain.shared.InvalidValueException.class);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_from_name_with_a_line_break_is_refused_when_the_settings_are_made() {
        assertThatThrownBy(() -> SmtpSettings.of("localhost", 25, EmailAddress.of("noreply@acme.example"),
                "Acme\r\nBcc: " + EVIL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void through_the_application_names_and_addresses_with_line_breaks_never_reach_the_outbox() {
        InMemoryStorage storage = new InMemoryStorage();
        Invitekit kit = Invitekit.builder().inMemory().storage(storage).clock(clock).mailSender(sender()).build();
        kit.accounts().createFirstPlatformAdmin("admin@acme.example", "correct horse battery staple");
        Actor admin = kit.accounts().authenticate(kit.accounts().login(
                LogIn.with("admin@acme.example", "correct horse battery staple")).accessToken()).orElseThrow();

        assertThatThrownBy(() -> kit.invitations().create(admin,
                NewTenantInvitation.to(OWNER).businessName("Bob\r\nBcc: " + EVIL)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field).containsExactly("suggestedBusinessName"));
        assertThatThrownBy(() -> kit.invitations().create(admin,
                NewTenantInvitation.to(OWNER + "\r\nBcc: " + EVIL)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field).containsExactly("email"));

        assertThat(storage.outbox().all()).isEmpty();
        assertThat(kit.delivery().relayOnce().claimed()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
