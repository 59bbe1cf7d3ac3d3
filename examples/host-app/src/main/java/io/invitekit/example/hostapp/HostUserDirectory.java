package io.invitekit.example.hostapp;

import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.InvalidValueException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Invitekit's view of the host's users: the names and emails it shows (a tenant's members, an
 * invitation's inviter). The host's ids are UUIDs already, so a {@link UserId} is the same UUID.
 */
public final class HostUserDirectory implements UserDirectory {
    private final Accounts accounts;

    public HostUserDirectory(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Map<UserId, UserProfile> profiles(Collection<UserId> ids) {
        Map<UserId, UserProfile> profiles = new HashMap<>();
        for (Account account : accounts.byIds(ids.stream().map(UserId::value).toList())) {
            // An address Invitekit's stricter rules refuse: the user shows by id only, rather than failing the view.
            emailOf(account).ifPresent(email ->
                    profiles.put(userId(account), UserProfile.named(userId(account), email, account.name())));
        }
        return profiles;
    }

    static UserId userId(Account account) {
        return new UserId(account.id());
    }

    /** The account's address as Invitekit takes it, or empty when Invitekit would refuse it. */
    static Optional<EmailAddress> emailOf(Account account) {
        try {
            return Optional.of(EmailAddress.of(account.email()));
        } catch (InvalidValueException refused) {
            return Optional.empty();
        }
    }
}
