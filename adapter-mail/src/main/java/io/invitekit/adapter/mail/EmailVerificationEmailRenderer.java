package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.EmailVerificationMail;
import java.util.Locale;
import java.util.Map;

/**
 * The email verification email: the link that confirms the address, how long it works, and what
 * to do when one did not make the account. Wording comes from {@code messages*.properties}; the
 * layout is {@link EmailBody}'s.
 */
public final class EmailVerificationEmailRenderer {
    private final MessageTexts texts;

    public EmailVerificationEmailRenderer(Locale locale) {
        this.texts = new MessageTexts(locale);
    }

    /** @throws io.invitekit.application.port.out.MailDeliveryException (permanent) when it cannot be rendered */
    public RenderedEmail render(EmailVerificationMail mail) {
        String link = InvitationEmailRenderer.requireWebLink(mail.link());
        String hours = texts.number(mail.expiresInHours());
        Map<String, String> values = Map.of("platform", Rendering.oneLine(mail.platformName()), "hours", hours);
        // The subject is a header: its value goes in unchanged (see InvitationEmailRenderer).
        String subject = texts.text("emailVerification.subject", Map.of("platform", mail.platformName(), "hours", hours));
        EmailBody body = new EmailBody()
                .paragraph(texts.text("emailVerification.greeting", values))
                .paragraph(texts.text("emailVerification.intro", values))
                .action(texts.text("emailVerification.action", values), texts.text("emailVerification.button", values),
                        texts.text("emailVerification.linkHint", values), link)
                .paragraph(texts.plural("emailVerification.expiry", mail.expiresInHours(), values))
                .paragraph(texts.text("emailVerification.ignore", values))
                .paragraph(texts.text("emailVerification.signoff", values), texts.text("emailVerification.team", values));
        return new RenderedEmail(subject, body.text(), body.html(subject, texts.text("html.lang")));
    }
}
