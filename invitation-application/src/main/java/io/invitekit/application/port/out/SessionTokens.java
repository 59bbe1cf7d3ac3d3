package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import java.util.Optional;

/**
 * Issues and checks the tokens of signed-in users. The default keeps opaque tokens hashed in
 * {@link Sessions}; an embedding application may plug in its own (JWTs, its session cookie, …).
 */
public interface SessionTokens {
    /**
     * A fresh pair for the user. An accept calls this inside its transaction, so that the
     * owner's session commits with the accept or not at all: the default's session row joins
     * that transaction. An implementation that keeps state elsewhere must tolerate the
     * transaction rolling back afterwards (its tokens are then never handed out).
     */
    IssuedTokens issue(UserId user);

    /** The user an access token belongs to, if it is known and live. */
    Optional<UserId> authenticate(String accessToken);

    /**
     * A new pair for a live refresh token, which stops working. A refresh token presented again
     * after it stopped working revokes every token issued since the same log-in. Not called
     * inside a transaction: that revocation must outlive the refusal.
     *
     * @throws io.invitekit.domain.shared.RuleViolationException {@code unauthenticated} otherwise
     */
    IssuedTokens refresh(String refreshToken);

    /** Ends the session the access token belongs to; unknown tokens are ignored. */
    void revoke(String accessToken);

    /**
     * Ends every session of the user: after a password reset no token issued before it works.
     * Called inside the reset's transaction.
     */
    void revokeAll(UserId user);
}
