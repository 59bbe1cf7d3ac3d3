package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.Mail;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import java.util.Locale;

/**
 * Turns a typed {@link Mail} into a {@link RenderedEmail}, in one locale. It is a
 * {@link Mail.Visitor}: a new kind of mail does not compile here until it has a template.
 */
public final class MailRenderer {
    private final InvitationEmailRenderer invitation;
    private final PasswordResetEmailRenderer passwordReset;
    private final EmailVerificationEmailRenderer emailVerification;
    private final SignupAttemptEmailRenderer signupAttempt;
    private final MemberInvitationEmailRenderer memberInvitation;
    private final Mail.Visitor<RenderedEmail> templates;

    public MailRenderer(Locale locale) {
        this.invitation = new InvitationEmailRenderer(locale);
        this.passwordReset = new PasswordResetEmailRenderer(locale);
        this.emailVerification = new EmailVerificationEmailRenderer(locale);
        this.signupAttempt = new SignupAttemptEmailRenderer(locale);
        this.memberInvitation = new MemberInvitationEmailRenderer(locale);
        this.templates = new Mail.Visitor<>() {
            @Override
            public RenderedEmail tenantInvitation(TenantInvitationMail mail) {
                return invitation.render(mail);
            }

            @Override
            public RenderedEmail passwordReset(PasswordResetMail mail) {
                return passwordReset.render(mail);
            }

            @Override
            public RenderedEmail emailVerification(EmailVerificationMail mail) {
                return emailVerification.render(mail);
            }

            @Override
            public RenderedEmail signupAttempt(SignupAttemptMail mail) {
                return signupAttempt.render(mail);
            }

            @Override
            public RenderedEmail memberInvitation(MemberInvitationMail mail) {
                return memberInvitation.render(mail);
            }
        };
    }

    public static MailRenderer english() {
        return new MailRenderer(Locale.ENGLISH);
    }

    /** @throws io.invitekit.application.port.out.MailDeliveryException (permanent) for a bad link */
    public RenderedEmail render(Mail mail) {
        return mail.accept(templates);
    }

    /** @throws io.invitekit.application.port.out.MailDeliveryException (permanent) for a bad link */
    public RenderedEmail render(OutgoingMail mail) {
        return render(mail.mail());
    }
}
