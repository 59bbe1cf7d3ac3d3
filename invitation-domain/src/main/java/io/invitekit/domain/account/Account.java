package io.invitekit.domain.account;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import io.invitekit.domain.shared.Name;
import java.time.Instant;
import java.util.Objects;

/**
 * A person who can sign in. {@code emailVerifiedAt} is when the email was shown to be theirs (a
 * verification link, a password reset link or an invitation link was used), null while it is not.
 * {@code locale} is the language the person chose for pages and emails; null: their browser's
 * (and for emails, the deployment's default).
 */
public record Account(
        UserId id,
        EmailAddress email,
        PasswordHash passwordHash,
        Name firstName,
        Name lastName,
        PlatformRole platformRole,
        Instant createdAt,
        Instant emailVerifiedAt,
        LocaleTag locale) {

    /** An account that has chosen no language. */
    public Account(UserId id, EmailAddress email, PasswordHash passwordHash, Name firstName, Name lastName,
                   PlatformRole platformRole, Instant createdAt, Instant emailVerifiedAt) {
        this(id, email, passwordHash, firstName, lastName, platformRole, createdAt, emailVerifiedAt, null);
    }

    /** An account whose email is not verified (yet). */
    public Account(UserId id, EmailAddress email, PasswordHash passwordHash, Name firstName, Name lastName,
                   PlatformRole platformRole, Instant createdAt) {
        this(id, email, passwordHash, firstName, lastName, platformRole, createdAt, null);
    }

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(platformRole, "platformRole");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isEmailVerified() {
        return emailVerifiedAt != null;
    }

    /** This account with its email verified at {@code at} (an earlier verification stays). */
    public Account verifiedAt(Instant at) {
        return emailVerifiedAt != null ? this
                : new Account(id, email, passwordHash, firstName, lastName, platformRole, createdAt, at, locale);
    }

    public boolean isPlatformAdmin() {
        return platformRole == PlatformRole.PLATFORM_ADMIN;
    }

    /** The same account under another name. */
    public Account renamed(Name first, Name last) {
        return new Account(id, email, passwordHash, first, last, platformRole, createdAt, emailVerifiedAt, locale);
    }

    /** The same account with another language (null: follow the browser). */
    public Account withLocale(LocaleTag chosen) {
        return new Account(id, email, passwordHash, firstName, lastName, platformRole, createdAt, emailVerifiedAt, chosen);
    }

    public String displayName() {
        return firstName.value() + " " + lastName.value();
    }
}
