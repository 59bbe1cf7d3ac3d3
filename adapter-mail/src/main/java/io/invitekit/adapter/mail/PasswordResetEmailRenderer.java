package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.PasswordResetMail;
import java.util.Locale;
import java.util.Map;

/**
 * The password reset email: the link that sets a new password, how long it works, and what to
 * do when one did not ask for it. Wording comes from {@code messages*.properties}; the layout is
 * {@link EmailBody}'s.
 */
public final class PasswordResetEmailRenderer {
    private final MessageTexts texts;

    public PasswordResetEmailRenderer(Locale locale) {
        this.texts = new MessageTexts(locale);
    }

    /** @throws io.invitekit.application.port.out.MailDeliveryException (permanent) when it cannot be rendered */
    public RenderedEmail render(PasswordResetMail mail) {
        String link = InvitationEmailRenderer.requireWebLink(mail.link());
        String minutes = texts.number(mail.expiresInMinutes());
        Map<String, String> values = Map.of("platform", Rendering.oneLine(mail.platformName()), "minutes", minutes);
        // The subject is a header: its value goes in unchanged (see InvitationEmailRenderer).
        String subject = texts.text("passwordReset.subject", Map.of("platform", mail.platformName(), "minutes", minutes));
        EmailBody body = new EmailBody()
                .paragraph(texts.text("passwordReset.greeting", values))
                .paragraph(texts.text("passwordReset.intro", values))
                .action(texts.text("passwordReset.action", values), texts.text("passwordReset.button", values),
                        texts.text("passwordReset.linkHint", values), link)
                .paragraph(texts.plural("passwordReset.expiry", mail.expiresInMinutes(), values))
                .paragraph(texts.text("passwordReset.ignore", values))
                .paragraph(texts.text("passwordReset.signoff", values), texts.text("passwordReset.team", values));
        return new RenderedEmail(subject, body.text(), body.html(subject, texts.text("html.lang")));
    }
}
