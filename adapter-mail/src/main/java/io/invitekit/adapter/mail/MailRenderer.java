package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.Mail;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a typed {@link Mail} into a {@link RenderedEmail}, in the mail's own language
 * ({@link Mail#locale()}: the recipient's, or the one an admin chose for an invitation) or, when
 * it has none, in this renderer's default locale. The templates of a language are made once and
 * kept. It is a {@link Mail.Visitor}: a new kind of mail does not compile here until it has a
 * template.
 */
public final class MailRenderer {
    private final Locale defaultLocale;
    private final Map<Locale, Mail.Visitor<RenderedEmail>> byLocale = new ConcurrentHashMap<>();

    /** Mail without a language of its own is written in {@code defaultLocale}. */
    public MailRenderer(Locale defaultLocale) {
        this.defaultLocale = defaultLocale;
        byLocale.put(defaultLocale, templates(defaultLocale));
    }

    public static MailRenderer english() {
        return new MailRenderer(Locale.ENGLISH);
    }

    /** @throws io.invitekit.application.port.out.MailDeliveryException (permanent) for a bad link */
    public RenderedEmail render(Mail mail) {
        Locale locale = mail.locale() == null ? defaultLocale : mail.locale().toLocale();
        return mail.accept(byLocale.computeIfAbsent(locale, MailRenderer::templates));
    }

    /** @throws io.invitekit.application.port.out.MailDeliveryException (permanent) for a bad link */
    public RenderedEmail render(OutgoingMail mail) {
        return render(mail.mail());
    }

    private static Mail.Visitor<RenderedEmail> templates(Locale locale) {
        InvitationEmailRenderer invitation = new InvitationEmailRenderer(locale);
        PasswordResetEmailRenderer passwordReset = new PasswordResetEmailRenderer(locale);
        EmailVerificationEmailRenderer emailVerification = new EmailVerificationEmailRenderer(locale);
        SignupAttemptEmailRenderer signupAttempt = new SignupAttemptEmailRenderer(locale);
        MemberInvitationEmailRenderer memberInvitation = new MemberInvitationEmailRenderer(locale);
        return new Mail.Visitor<>() {
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
}
