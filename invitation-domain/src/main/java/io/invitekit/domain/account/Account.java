package io.invitekit.domain.account;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import java.time.Instant;
import java.util.Objects;

/** A person who can sign in. */
public record Account(
        UserId id,
        EmailAddress email,
        PasswordHash passwordHash,
        Name firstName,
        Name lastName,
        PlatformRole platformRole,
        Instant createdAt) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(platformRole, "platformRole");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isPlatformAdmin() {
        return platformRole == PlatformRole.PLATFORM_ADMIN;
    }

    /** The same account under another name. */
    public Account renamed(Name first, Name last) {
        return new Account(id, email, passwordHash, first, last, platformRole, createdAt);
    }

    public String displayName() {
        return firstName.value() + " " + lastName.value();
    }
}
