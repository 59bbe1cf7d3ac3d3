package io.invitekit.application.port.out;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * The email verification email: an account on {@code platformName} was made with the address
 * {@code to}; the {@code link} (which carries the token) shows that the address is theirs until
 * {@code expiresAt} ({@code expiresInHours} after it was sent, as the email words it).
 * {@code token} is that token on its own, for a sender that builds its own link; null only in
 * mail made by hand. Like the link, it is a secret: never log it. {@code locale} is the language to write it in; null: the deployment's default.
 */
public record EmailVerificationMail(
        EmailAddress to,
        String platformName,
        Instant expiresAt,
        int expiresInHours,
        URI link,
        String token,
        LocaleTag locale) implements Mail {

    /** In the deployment's default language. */
    public EmailVerificationMail(EmailAddress to, String platformName, Instant expiresAt, int expiresInHours, URI link,
                                 String token) {
        this(to, platformName, expiresAt, expiresInHours, link, token, null);
    }

    public static final String KIND = "email_verification";

    public EmailVerificationMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(platformName, "platformName");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(link, "link");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.emailVerification(this);
    }

    @Override
    public String toString() {
        return "EmailVerificationMail[redacted]"; // the link holds a token, the address is personal
    }

    /** An {@link EmailVerificationMail} without its link, as the outbox keeps it. */
    public record Queued(EmailAddress to, String platformName, Instant expiresAt, int expiresInHours,
                         LocaleTag locale) implements QueuedMail {

        /** In the deployment's default language. */
        public Queued(EmailAddress to, String platformName, Instant expiresAt, int expiresInHours) {
            this(to, platformName, expiresAt, expiresInHours, null);
        }

        public Queued {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(platformName, "platformName");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(QueuedMail.Visitor<R> visitor) {
            return visitor.emailVerification(this);
        }

        /** The email, with the token and the link that carries it. */
        public EmailVerificationMail withLink(URI link, String token) {
            return new EmailVerificationMail(to, platformName, expiresAt, expiresInHours, link,
                    Objects.requireNonNull(token, "token"), locale);
        }

        @Override
        public String toString() {
            return "EmailVerificationMail.Queued[redacted]";
        }
    }
}
