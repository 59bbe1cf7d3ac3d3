package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.account.UserProfile;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Who users are: the names and emails views and emails show (an invitation's inviter, a tenant's
 * members, the signed-in user). A host application implements it over its own users; the bundled
 * server's is Invitekit's own accounts. Invitekit only reads it, outside its transactions.
 */
public interface UserDirectory {

    /** The profiles of those of {@code ids} the directory knows; unknown ids are left out. */
    Map<UserId, UserProfile> profiles(Collection<UserId> ids);

    default Optional<UserProfile> profile(UserId id) {
        return Optional.ofNullable(profiles(java.util.List.of(id)).get(id));
    }

    /**
     * The user with this email, if the directory can tell (an invitation's email is then written
     * in their language). The default cannot: a host's directory may override it.
     */
    default Optional<UserProfile> byEmail(io.invitekit.domain.shared.EmailAddress email) {
        return Optional.empty();
    }
}
