package io.invitekit.application.port.in;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.EmailAddress;
import java.util.Objects;

/**
 * A host application's signed-in user and the email address the host has verified belongs to
 * them. Accepting an invitation as such a user requires this email to be the invitation's: the
 * host asserts it, so it must only pass an address it has verified (a confirmation link, its
 * identity provider's {@code email_verified}).
 */
public record VerifiedUser(UserId id, EmailAddress verifiedEmail) {
    public VerifiedUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verifiedEmail, "verifiedEmail");
    }

    public static VerifiedUser of(UserId id, String verifiedEmail) {
        return new VerifiedUser(id, EmailAddress.of(verifiedEmail));
    }
}
