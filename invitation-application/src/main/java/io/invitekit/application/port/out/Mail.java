package io.invitekit.application.port.out;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * An email the application sends, as typed values: what a {@link MailSender} renders. The family
 * is sealed, and {@link Visitor} has one method per member, so that a new kind of email (a member
 * invitation, an email verification, a password reset) is a new record here plus a new visitor
 * method, and every renderer stops compiling until it has a template for it (Java 17 has no
 * pattern {@code switch}; the visitor is its exhaustive form).
 */
public sealed interface Mail permits TenantInvitationMail, PasswordResetMail, EmailVerificationMail,
        SignupAttemptMail, MemberInvitationMail {

    /** Who receives it. */
    EmailAddress to();

    /** A stable name of the kind of email, for logs and storage (e.g. {@code tenant_invitation}). */
    String kind();

    /** The language to write it in (the recipient's, when known); null: the deployment's default. */
    LocaleTag locale();

    <R> R accept(Visitor<R> visitor);

    /** One method per member of the family. */
    interface Visitor<R> {
        R tenantInvitation(TenantInvitationMail mail);

        R passwordReset(PasswordResetMail mail);

        R emailVerification(EmailVerificationMail mail);

        R signupAttempt(SignupAttemptMail mail);

        R memberInvitation(MemberInvitationMail mail);
    }

    /**
     * Text made into an email's link. A text that is no URI is a permanent failure whose reason
     * does not repeat the text (a link holds a token).
     *
     * @throws MailDeliveryException (permanent) when {@code text} is not a well-formed URI
     */
    static URI link(String text) {
        if (text == null || text.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new MailDeliveryException(
                    "the email cannot be rendered: the link contains whitespace or control characters", true, null);
        }
        try {
            return new URI(text);
        } catch (URISyntaxException malformed) {
            throw new MailDeliveryException("the email cannot be rendered: the link is not a well-formed URL", true, null);
        }
    }
}
