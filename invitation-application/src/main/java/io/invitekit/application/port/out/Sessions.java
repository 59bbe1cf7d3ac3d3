package io.invitekit.application.port.out;

import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.shared.TokenDigest;
import java.util.Optional;

/** Persistence of the default session tokens (digests only). */
public interface Sessions {
    void add(Session session);

    Optional<Session> byAccessDigest(TokenDigest digest);

    Optional<Session> byRefreshDigest(TokenDigest digest);

    /**
     * Replaces the session's token digests with {@code next}'s if its refresh digest is still
     * {@code expectedRefresh}: a refresh token works once, even when presented twice at once.
     */
    boolean rotate(TokenDigest expectedRefresh, Session next);

    void remove(SessionId id);

    /**
     * Ends every session of the user (a password reset). Joins the surrounding transaction.
     *
     * @return how many sessions ended
     */
    int removeAllOf(io.invitekit.domain.account.UserId user);
}
