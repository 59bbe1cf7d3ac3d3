package io.invitekit.application.port.out;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * The password reset email: someone asked to reset the password of the account with the address
 * {@code to} on {@code platformName}; the {@code link} (which carries the token) sets a new one
 * until {@code expiresAt} ({@code expiresInMinutes} after the request, as the email words it).
 * {@code token} is that token on its own, for a sender that builds its own link; null only in
 * mail made by hand. Like the link, it is a secret: never log it. {@code locale} is the language to write it in; null: the deployment's default.
 */
public record PasswordResetMail(
        EmailAddress to,
        String platformName,
        Instant expiresAt,
        int expiresInMinutes,
        URI link,
        String token,
        LocaleTag locale) implements Mail {

    /** In the deployment's default language. */
    public PasswordResetMail(EmailAddress to, String platformName, Instant expiresAt, int expiresInMinutes, URI link,
                             String token) {
        this(to, platformName, expiresAt, expiresInMinutes, link, token, null);
    }

    public static final String KIND = "password_reset";

    public PasswordResetMail {
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
        return visitor.passwordReset(this);
    }

    @Override
    public String toString() {
        return "PasswordResetMail[redacted]"; // the link holds a token, the address is personal
    }

    /** A {@link PasswordResetMail} without its link, as the outbox keeps it. */
    public record Queued(EmailAddress to, String platformName, Instant expiresAt, int expiresInMinutes,
                         LocaleTag locale) implements QueuedMail {

        /** In the deployment's default language. */
        public Queued(EmailAddress to, String platformName, Instant expiresAt, int expiresInMinutes) {
            this(to, platformName, expiresAt, expiresInMinutes, null);
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
            return visitor.passwordReset(this);
        }

        /** The email, with the token and the link that carries it. */
        public PasswordResetMail withLink(URI link, String token) {
            return new PasswordResetMail(to, platformName, expiresAt, expiresInMinutes, link,
                    Objects.requireNonNull(token, "token"), locale);
        }

        @Override
        public String toString() {
            return "PasswordResetMail.Queued[redacted]";
        }
    }
}
