package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.Mail;
import io.invitekit.application.port.out.MailSender;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender for a deployment without an SMTP host: it renders each email (so a broken one fails
 * here as it would over SMTP) and logs its recipient, subject and link, so that a developer can
 * follow an invitation without a mail server. The link holds the invitation's token; this is the
 * one log line allowed to show it, and it exists only in this development fallback.
 */
public final class ConsoleMailSender implements MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleMailSender.class);

    private final MailRenderer renderer;

    public ConsoleMailSender() {
        this(MailRenderer.english());
    }

    public ConsoleMailSender(MailRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    @Override
    public void send(OutgoingMail mail) {
        RenderedEmail email = renderer.render(mail);
        HeaderSafety.recipient(mail.to());
        String subject = HeaderSafety.singleLine("Subject", email.subject());
        String link = mail.mail().accept(new Mail.Visitor<String>() {
            @Override
            public String tenantInvitation(TenantInvitationMail invitation) {
                return invitation.link().toString();
            }

            @Override
            public String passwordReset(PasswordResetMail reset) {
                return reset.link().toString();
            }

            @Override
            public String emailVerification(EmailVerificationMail verification) {
                return verification.link().toString();
            }

            @Override
            public String signupAttempt(SignupAttemptMail attempt) {
                return attempt.logInLink().toString();
            }

            @Override
            public String memberInvitation(MemberInvitationMail invitation) {
                return invitation.link().toString();
            }
        });
        LOG.info("Email (no SMTP host configured, not sent) to {}, subject \"{}\", link: {}",
                mail.to(), subject, Rendering.oneLine(link));
    }
}
