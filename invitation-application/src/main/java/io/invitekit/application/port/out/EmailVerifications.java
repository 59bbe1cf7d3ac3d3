package io.invitekit.application.port.out;

import io.invitekit.domain.account.EmailVerification;
import io.invitekit.domain.account.EmailVerificationId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.Optional;

/** Persistence of email verification tokens (digests only). Every write joins the surrounding transaction. */
public interface EmailVerifications {

    void add(EmailVerification verification);

    Optional<EmailVerification> byDigest(TokenDigest digest);

    /**
     * Marks the token used at {@code at} if it is still unused: of two uses of one token at
     * once, one wins.
     *
     * @return whether this call used it
     */
    boolean markUsed(EmailVerificationId id, Instant at);

    /**
     * Marks every still unused token of the user used at {@code at}: a newer token, or a
     * verification, supersedes them.
     *
     * @return how many were superseded
     */
    int supersedeUnused(UserId user, Instant at);

    /** When the user's newest token (used or not) was issued: a resend waits for a cooldown after it. */
    Optional<Instant> lastIssuedAt(UserId user);
}
