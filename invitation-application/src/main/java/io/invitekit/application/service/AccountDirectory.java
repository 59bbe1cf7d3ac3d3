package io.invitekit.application.service;

import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Invitekit's own accounts as the user directory: what the bundled server shows of its users. */
public final class AccountDirectory implements UserDirectory {
    private final Accounts accounts;

    public AccountDirectory(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Map<UserId, UserProfile> profiles(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return accounts.byIds(ids.stream().distinct().toList()).stream()
                .collect(Collectors.toUnmodifiableMap(Account::id, AccountDirectory::profile, (a, b) -> a));
    }

    @Override
    public java.util.Optional<UserProfile> byEmail(io.invitekit.domain.shared.EmailAddress email) {
        return accounts.byEmail(email).map(AccountDirectory::profile);
    }

    private static UserProfile profile(Account account) {
        return new UserProfile(account.id(), account.email(), account.firstName().value(), account.lastName().value(),
                account.locale());
    }
}
