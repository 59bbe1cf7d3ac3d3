package io.invitekit.application.port.out;

import io.invitekit.domain.account.PasswordReset;
import io.invitekit.domain.account.PasswordResetId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.Optional;

/** Persistence of password-reset tokens (digests only). Every write joins the surrounding transaction. */
public interface PasswordResets {

    void add(PasswordReset reset);

    Optional<PasswordReset> byDigest(TokenDigest digest);

    /**
     * Marks the token used at {@code at} if it is still unused: of two uses of one token at
     * once, one wins.
     *
     * @return whether this call used it
     */
    boolean markUsed(PasswordResetId id, Instant at);

    /**
     * Marks every still unused token of the user used at {@code at}: a newer request, or a
     * reset, supersedes them.
     *
     * @return how many were superseded
     */
    int supersedeUnused(UserId user, Instant at);
}
