package io.invitekit.application.port.in;

import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;

/**
 * A user as views show them. From the user directory, {@code platformRole} is null (the directory
 * does not know it); for a user the directory no longer knows, only the id is set.
 */
public record UserView(UserId id, String email, String firstName, String lastName, PlatformRole platformRole) {
    public static UserView of(Account account) {
        return new UserView(account.id(), account.email().value(), account.firstName().value(),
                account.lastName().value(), account.platformRole());
    }

    public static UserView of(UserProfile profile) {
        return new UserView(profile.id(), profile.email().value(), profile.firstName(), profile.lastName(), null);
    }

    public static UserView unknown(UserId id) {
        return new UserView(id, null, null, null, null);
    }
}
