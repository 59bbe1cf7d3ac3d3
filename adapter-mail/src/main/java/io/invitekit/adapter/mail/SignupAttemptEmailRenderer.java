package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.SignupAttemptMail;
import java.util.Locale;
import java.util.Map;

/**
 * The email to the owner of an address someone tried to sign up with: no account was made, here
 * is where to log in, and where to choose a new password. It carries no secret. Wording comes
 * from {@code messages*.properties}; the layout is {@link EmailBody}'s.
 */
public final class SignupAttemptEmailRenderer {
    private final MessageTexts texts;

    public SignupAttemptEmailRenderer(Locale locale) {
        this.texts = new MessageTexts(locale);
    }

    /** @throws io.invitekit.application.port.out.MailDeliveryException (permanent) when it cannot be rendered */
    public RenderedEmail render(SignupAttemptMail mail) {
        String logIn = InvitationEmailRenderer.requireWebLink(mail.logInLink());
        String reset = InvitationEmailRenderer.requireWebLink(mail.passwordResetLink());
        Map<String, String> values = Map.of("platform", Rendering.oneLine(mail.platformName()), "reset", reset);
        // The subject is a header: its value goes in unchanged (see InvitationEmailRenderer).
        String subject = texts.text("signupAttempt.subject", Map.of("platform", mail.platformName()));
        EmailBody body = new EmailBody()
                .paragraph(texts.text("signupAttempt.greeting", values))
                .paragraph(texts.text("signupAttempt.intro", values))
                .action(texts.text("signupAttempt.action", values), texts.text("signupAttempt.button", values),
                        texts.text("signupAttempt.linkHint", values), logIn)
                .paragraph(texts.text("signupAttempt.forgot", values))
                .paragraph(texts.text("signupAttempt.ignore", values))
                .paragraph(texts.text("signupAttempt.signoff", values), texts.text("signupAttempt.team", values));
        return new RenderedEmail(subject, body.text(), body.html(subject, texts.text("html.lang")));
    }
}
