package io.invitekit.domain.account;

import io.invitekit.domain.shared.EmailAddress;
import java.util.Objects;

/**
 * What views and emails show of a user: their email and names, as the user directory (the host
 * application's, or Invitekit's own accounts) knows them. {@code lastName} may be empty for a
 * directory that keeps one display name.
 */
public record UserProfile(UserId id, EmailAddress email, String firstName, String lastName) {
    public UserProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        firstName = firstName == null ? "" : firstName.strip();
        lastName = lastName == null ? "" : lastName.strip();
    }

    /** A user known by one display name. */
    public static UserProfile named(UserId id, EmailAddress email, String displayName) {
        return new UserProfile(id, email, displayName, "");
    }

    /** The names joined, or the email when there are none. */
    public String displayName() {
        String joined = (firstName + " " + lastName).strip();
        return joined.isEmpty() ? email.value() : joined;
    }
}
