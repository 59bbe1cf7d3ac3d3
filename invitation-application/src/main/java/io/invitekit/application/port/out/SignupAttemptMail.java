package io.invitekit.application.port.out;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import java.net.URI;
import java.util.Objects;

/**
 * "Someone tried to sign up with your address": sent to the owner of an existing account on
 * {@code platformName} when a sign-up named its email while verified emails are required (the
 * sign-up itself answers the same as for a new email, so that it tells nobody which addresses
 * have accounts). It carries no secret: {@code logInLink} and {@code passwordResetLink} are the
 * public log-in and "forgot password" pages. {@code locale} is the language to write it in; null: the deployment's default.
 */
public record SignupAttemptMail(EmailAddress to, String platformName, URI logInLink, URI passwordResetLink,
                                LocaleTag locale) implements Mail {

    /** In the deployment's default language. */
    public SignupAttemptMail(EmailAddress to, String platformName, URI logInLink, URI passwordResetLink) {
        this(to, platformName, logInLink, passwordResetLink, null);
    }

    public static final String KIND = "signup_attempt";

    public SignupAttemptMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(platformName, "platformName");
        Objects.requireNonNull(logInLink, "logInLink");
        Objects.requireNonNull(passwordResetLink, "passwordResetLink");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.signupAttempt(this);
    }

    @Override
    public String toString() {
        return "SignupAttemptMail[redacted]"; // the address is personal
    }

    /** A {@link SignupAttemptMail} without its links (the relay builds them from the settings). */
    public record Queued(EmailAddress to, String platformName, LocaleTag locale) implements QueuedMail {

        /** In the deployment's default language. */
        public Queued(EmailAddress to, String platformName) {
            this(to, platformName, null);
        }

        public Queued {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(platformName, "platformName");
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(QueuedMail.Visitor<R> visitor) {
            return visitor.signupAttempt(this);
        }

        public SignupAttemptMail withLinks(URI logInLink, URI passwordResetLink) {
            return new SignupAttemptMail(to, platformName, logInLink, passwordResetLink, locale);
        }

        @Override
        public String toString() {
            return "SignupAttemptMail.Queued[redacted]";
        }
    }
}
