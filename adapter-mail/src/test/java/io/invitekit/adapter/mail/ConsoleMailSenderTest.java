package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.OutgoingMail;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The development fallback logs (slf4j-simple writes to System.err in the tests). */
class ConsoleMailSenderTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureTheLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    private String log() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void it_logs_the_recipient_the_subject_and_the_link_on_one_line() {
        new ConsoleMailSender().send(Mails.outgoing("owner@example.com", Mails.invitation()));

        assertThat(log().lines().filter(line -> line.contains("ConsoleMailSender")))
                .singleElement().asString()
                .contains("to owner@example.com")
                .contains("\"You're invited to create your business on Acme Cloud\"")
                .contains("link: " + Mails.LINK);
    }

    @Test
    void a_member_invitation_is_logged_with_its_subject_and_link() {
        new ConsoleMailSender().send(new OutgoingMail(new OutboxMessageId(UUID.randomUUID()),
                MemberInvitationEmailRendererTest.mail()));

        assertThat(log().lines().filter(line -> line.contains("ConsoleMailSender")))
                .singleElement().asString()
                .contains("to bea@example.com")
                .contains("\"Ada Lovelace invited you to join Bob's Bakery on Acme Cloud\"")
                .contains("link: " + MemberInvitationEmailRendererTest.LINK);
    }

    @Test
    void it_refuses_what_the_smtp_sender_would_refuse() {
        ConsoleMailSender sender = new ConsoleMailSender();
        OutgoingMail unrenderable = Mails.outgoing("a@example.com",
                Mails.withLink(Mails.invitation(), "javascript:alert(1)//#token=abc"));

        assertThatThrownBy(() -> sender.send(unrenderable))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue());
        assertThatThrownBy(() -> sender.send(Mails.outgoing("owner@example.com",
                Mails.with(Mails.invitation(), "Acme\r\nX-Injected: 1", "Ada", null))))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue());
        assertThat(log()).doesNotContain("ConsoleMailSender");
    }
}
