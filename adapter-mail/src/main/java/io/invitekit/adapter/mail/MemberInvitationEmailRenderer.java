package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.MemberInvitationMail;
import java.util.Locale;
import java.util.Map;

/**
 * The member invitation email: who invites you into which tenant, with which role (in words, not
 * its code), the link and how long it lives. The tenant and inviter names were typed by users, so
 * they reach the body on one line and the HTML part escaped (as every text {@link EmailBody}
 * writes). Wording comes from {@code messages*.properties}; the layout is {@link EmailBody}'s.
 */
public final class MemberInvitationEmailRenderer {
    private final MessageTexts texts;

    public MemberInvitationEmailRenderer(Locale locale) {
        this.texts = new MessageTexts(locale);
    }

    /** @throws io.invitekit.application.port.out.MailDeliveryException (permanent) when it cannot be rendered */
    public RenderedEmail render(MemberInvitationMail mail) {
        String link = InvitationEmailRenderer.requireWebLink(mail.link());
        // A role without its words in the file fails the email rather than showing a code to a person.
        String role = texts.text("memberInvitation.role." + mail.role().name());
        String days = texts.number(mail.expiresInDays());
        Map<String, String> values = Map.of(
                "platform", Rendering.oneLine(mail.platformName()),
                "inviter", Rendering.oneLine(mail.inviterName()),
                "tenant", Rendering.oneLine(mail.tenantName()),
                "role", role,
                "days", days);

        // The subject is a header: its values go in unchanged (see InvitationEmailRenderer), so a
        // line break in a tenant or inviter name is refused by the sender's header check.
        String subject = texts.text("memberInvitation.subject", Map.of("platform", mail.platformName(),
                "inviter", mail.inviterName(), "tenant", mail.tenantName(), "role", role, "days", days));
        EmailBody body = new EmailBody()
                .paragraph(texts.text("memberInvitation.greeting", values))
                .paragraph(texts.text("memberInvitation.intro", values))
                .action(texts.text("memberInvitation.action", values), texts.text("memberInvitation.button", values),
                        texts.text("memberInvitation.linkHint", values), link)
                .paragraph(texts.plural("memberInvitation.expiry", mail.expiresInDays(), values))
                .paragraph(texts.text("memberInvitation.ignore", values))
                .paragraph(texts.text("memberInvitation.signoff", values), texts.text("memberInvitation.team", values));
        return new RenderedEmail(subject, body.text(), body.html(subject, texts.text("html.lang")));
    }
}
