package io.invitekit.domain.account;

import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.LocaleTag;
import java.util.Objects;

/**
 * What views and emails show of a user: their email and names, as the user directory (the host
 * application's, or Invitekit's own accounts) knows them. {@code lastName} may be empty for a
 * directory that keeps one display name. {@code locale} is the language the user chose, null when
 * the directory does not know one.
 */
public record UserProfile(UserId id, EmailAddress email, String firstName, String lastName, LocaleTag locale) {

    /** A user whose language the directory does not know. */
    public UserProfile(UserId id, EmailAddress email, String firstName, String lastName) {
        this(id, email, firstName, lastName, null);
    }
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
