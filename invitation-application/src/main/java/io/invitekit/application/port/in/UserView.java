package io.invitekit.application.port.in;

import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.UserId;

public record UserView(UserId id, String email, String firstName, String lastName, PlatformRole platformRole) {
    public static UserView of(Account account) {
        return new UserView(account.id(), account.email().value(), account.firstName().value(),
                account.lastName().value(), account.platformRole());
    }
}
