package io.invitekit.testing;

import io.invitekit.application.port.out.UserDirectory;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import io.invitekit.domain.shared.EmailAddress;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** A host's users kept in memory: what a test adds, the directory knows. Thread-safe. */
public final class InMemoryUserDirectory implements UserDirectory {
    private final Map<UserId, UserProfile> users = new ConcurrentHashMap<>();

    /** Adds (or replaces) a user; returns their id. */
    public UserId add(UserProfile profile) {
        users.put(profile.id(), Objects.requireNonNull(profile, "profile"));
        return profile.id();
    }

    /** Adds a user with a fresh random id. */
    public UserId add(String email, String firstName, String lastName) {
        return add(new UserProfile(new UserId(UUID.randomUUID()), EmailAddress.of(email), firstName, lastName));
    }

    /** The host forgets a user (they left, or were deleted). */
    public void remove(UserId id) {
        users.remove(id);
    }

    @Override
    public Map<UserId, UserProfile> profiles(Collection<UserId> ids) {
        return ids.stream().distinct().filter(users::containsKey)
                .collect(Collectors.toUnmodifiableMap(id -> id, users::get));
    }
}
