package io.invitekit.application.port.out;

import io.invitekit.domain.shared.EmailAddress;
import java.net.URI;
import java.util.Objects;

/**
 * "Someone tried to sign up with your address": sent to the owner of an existing account on
 * {@code platformName} when a sign-up named its email while verified emails are required (the
 * sign-up itself answers the same as for a new email, so that it tells nobody which addresses
 * have accounts). It carries no secret: {@code logInLink} and {@code passwordResetLink} are the
 * public log-in and "forgot password" pages.
 */
public record SignupAttemptMail(EmailAddress to, String platformName, URI logInLink, URI passwordResetLink)
        implements Mail {

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
    public record Queued(EmailAddress to, String platformName) implements QueuedMail {

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
            return new SignupAttemptMail(to, platformName, logInLink, passwordResetLink);
        }

        @Override
        public String toString() {
            return "SignupAttemptMail.Queued[redacted]";
        }
    }
}
