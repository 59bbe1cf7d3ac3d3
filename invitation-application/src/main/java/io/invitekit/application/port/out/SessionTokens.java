package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import java.util.Optional;

/**
 * Issues and checks the tokens of signed-in users. The default keeps opaque tokens hashed in
 * {@link Sessions}; an embedding application may plug in its own (JWTs, its session cookie, …).
 */
public interface SessionTokens {
    IssuedTokens issue(UserId user);

    /** The user an access token belongs to, if it is known and live. */
    Optional<UserId> authenticate(String accessToken);

    /**
     * A new pair for a live refresh token, which stops working.
     *
     * @throws io.invitekit.domain.shared.RuleViolationException {@code unauthenticated} otherwise
     */
    IssuedTokens refresh(String refreshToken);

    /** Ends the session the access token belongs to; unknown tokens are ignored. */
    void revoke(String accessToken);
}
