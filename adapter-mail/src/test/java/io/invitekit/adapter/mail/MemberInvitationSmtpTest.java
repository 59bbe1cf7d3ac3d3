package io.invitekit.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The member invitation email over real SMTP: sent by {@link SmtpMailSender}, read back from GreenMail. */
class MemberInvitationSmtpTest {
    private static final long WAIT_MS = 5_000;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T09:00:00Z"));

    private SmtpMailSender sender() {
        return new SmtpMailSender(SmtpSettings.of(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort(),
                EmailAddress.of("noreply@acme.example"), "Acme Cloud"), MailRenderer.english(), clock);
    }

    @Test
    void the_member_invitation_arrives_with_text_and_html_naming_tenant_inviter_role_link_and_expiry() throws Exception {
        OutboxMessageId id = new OutboxMessageId(UUID.randomUUID());

        sender().send(new OutgoingMail(id, MemberInvitationEmailRendererTest.mail(
                "Bäckerei Müller <Nord>", "Zoë Ŝmith", Role.MEMBER, 3, MemberInvitationEmailRendererTest.LINK)));

        assertThat(greenMail.waitForIncomingEmail(WAIT_MS, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("bea@example.com");
        assertThat(received.getSubject()).isEqualTo("Zoë Ŝmith invited you to join Bäckerei Müller <Nord> on Acme Cloud");
        assertThat(received.getHeader("Message-ID")).containsExactly("<" + id.value() + "@acme.example>");
        MimeMultipart parts = Received.alternatives(received);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(Received.partText(parts.getBodyPart(0)))
                .contains("Zoë Ŝmith has invited you to join Bäckerei Müller <Nord> on Acme Cloud as a member.")
                .contains(MemberInvitationEmailRendererTest.LINK)
                .contains("This invitation expires in 3 days.");
        assertThat(Received.partText(parts.getBodyPart(1)))
                .contains("Bäckerei Müller &lt;Nord&gt; on Acme Cloud as a member.")
                .contains("<a href=\"" + MemberInvitationEmailRendererTest.LINK + "\"")
                .doesNotContain("<Nord>");
        assertThat(Received.rawHeaders(received)).doesNotContain("token=");
    }

    @Test
    void a_line_break_in_the_inviter_name_sends_nothing_and_fails_for_good() {
        OutgoingMail mail = new OutgoingMail(new OutboxMessageId(UUID.randomUUID()), MemberInvitationEmailRendererTest.mail(
                "Bob's Bakery", "Eve\r\nBcc: evil@example.com", Role.MEMBER, 7, MemberInvitationEmailRendererTest.LINK));

        assertThatThrownBy(() -> sender().send(mail))
                .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue());
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
