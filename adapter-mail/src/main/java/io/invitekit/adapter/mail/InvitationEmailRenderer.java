package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.TenantInvitationMail;
import io.invitekit.domain.tenant.PlatformPermission;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tenant invitation email (SPEC §2.6): who invites you where, the plan and its limits, the
 * two feature lines that depend on permissions, the link and how long it lives. Wording comes
 * from {@code messages*.properties}; the layout is {@link EmailBody}'s.
 */
public final class InvitationEmailRenderer {
    private final MessageTexts texts;

    public InvitationEmailRenderer(Locale locale) {
        this.texts = new MessageTexts(locale);
    }

    /** @throws io.invitekit.application.port.out.MailDeliveryException (permanent) when it cannot be rendered */
    public RenderedEmail render(TenantInvitationMail mail) {
        String link = requireWebLink(mail.link());
        String tierCode = Rendering.oneLine(mail.tier().name());
        String tier = texts.textOr("tier." + tierCode, tierCode);
        String days = texts.number(mail.expiresInDays());
        Map<String, String> values = Map.of(
                "platform", Rendering.oneLine(mail.platformName()),
                "inviter", Rendering.oneLine(mail.inviterName()),
                "tier", tier,
                "days", days);

        // The subject is a header: its values go in unchanged, so that a line break in them is
        // refused by the sender's header check instead of being quietly mended here.
        String subject = texts.text("invitation.subject",
                Map.of("platform", mail.platformName(), "inviter", mail.inviterName(), "tier", tier, "days", days));
        EmailBody body = new EmailBody()
                .paragraph(texts.text("invitation.greeting", values))
                .paragraph(texts.text("invitation.intro", values));
        if (mail.suggestedBusinessName() != null) {
            body.paragraph(texts.text("invitation.business",
                    Map.of("business", Rendering.oneLine(mail.suggestedBusinessName()))));
        }
        body.bullets(texts.text("invitation.plan", values), planLines(mail))
                .action(texts.text("invitation.action", values), texts.text("invitation.button", values),
                        texts.text("invitation.linkHint", values), link)
                .paragraph(texts.plural("invitation.expiry", mail.expiresInDays(), values))
                .paragraph(texts.text("invitation.ignore", values))
                .paragraph(texts.text("invitation.signoff", values), texts.text("invitation.team", values));
        return new RenderedEmail(subject, body.text(), body.html(subject, texts.text("html.lang")));
    }

    private List<String> planLines(TenantInvitationMail mail) {
        List<String> lines = new ArrayList<>();
        lines.add(mail.maxUsers() == null
                ? texts.text("invitation.users.unlimited")
                : texts.text("invitation.users", Map.of("max_users", texts.number(mail.maxUsers()))));
        lines.add(mail.maxResources() == null
                ? texts.text("invitation.resources.unlimited")
                : texts.text("invitation.resources", Map.of("max_resources", texts.number(mail.maxResources()))));
        if (mail.grants(PlatformPermission.CAN_ACCEPT_PAYMENTS)) {
            lines.add(texts.text("invitation.payments"));
        }
        if (mail.grants(PlatformPermission.CAN_USE_CUSTOM_DOMAIN)) {
            lines.add(texts.text("invitation.customDomain"));
        }
        return lines;
    }

    /**
     * The link is built from configuration, but it still goes into an {@code href}: only an
     * absolute http(s) URL may. (A {@link URI} holds no whitespace or control characters; text
     * that does never becomes one, see {@link io.invitekit.application.port.out.Mail#link}.)
     * The reason given never repeats the link (it holds a token).
     */
    static String requireWebLink(URI link) {
        String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || link.getHost() == null) {
            throw Rendering.failed("the link is not an absolute http or https URL");
        }
        String text = link.toString();
        if (text.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw Rendering.failed("the link contains whitespace or control characters");
        }
        return text;
    }
}
