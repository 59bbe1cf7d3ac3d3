package io.invitekit.adapter.mail;

import io.invitekit.application.port.out.MailDeliveryException;
import io.invitekit.application.port.out.OutgoingMail;
import io.invitekit.application.port.out.TenantInvitationMail;
import java.util.Locale;

/** Turns an outbox message into a {@link RenderedEmail}, by its {@code kind}, in one locale. */
public final class MailRenderer {
    private final InvitationEmailRenderer invitation;

    public MailRenderer(Locale locale) {
        this.invitation = new InvitationEmailRenderer(locale);
    }

    public static MailRenderer english() {
        return new MailRenderer(Locale.ENGLISH);
    }

    /** @throws MailDeliveryException (permanent) for an unknown kind, incomplete data or a bad link */
    public RenderedEmail render(OutgoingMail mail) {
        if (TenantInvitationMail.KIND.equals(mail.kind())) {
            return invitation.render(invitationData(mail));
        }
        throw Rendering.failed("there is no template for emails of kind " + Rendering.quoted(mail.kind()));
    }

    private static TenantInvitationMail invitationData(OutgoingMail mail) {
        try {
            return TenantInvitationMail.fromData(mail.data());
        } catch (RuntimeException incomplete) { // a missing field, a number that is not one
            throw Rendering.failed("the data of the " + TenantInvitationMail.KIND + " email is incomplete ("
                    + incomplete.getClass().getSimpleName() + ": " + incomplete.getMessage() + ")");
        }
    }
}
