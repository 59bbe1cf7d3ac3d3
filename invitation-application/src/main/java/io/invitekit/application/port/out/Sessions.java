package io.invitekit.application.port.out;

import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.shared.TokenDigest;
import java.util.Optional;

/**
 * Persistence of the default session tokens (digests only). A session keeps its id across
 * refreshes: it is the family of every token pair issued since one log-in, and the refresh
 * tokens it retired point back at it, so that a reuse can revoke the whole family.
 */
public interface Sessions {
    void add(Session session);

    Optional<Session> byAccessDigest(TokenDigest digest);

    Optional<Session> byRefreshDigest(TokenDigest digest);

    /**
     * Replaces the session's token digests with {@code next}'s if its refresh digest is still
     * {@code expectedRefresh}: a refresh token works once, even when presented twice at once.
     */
    boolean rotate(TokenDigest expectedRefresh, Session next);

    /**
     * The session (the family) whose refresh token had this digest before a {@link #rotate}
     * replaced it. Remembered for as long as the session is.
     */
    Optional<SessionId> familyOfRetired(TokenDigest refreshDigest);

    /** Ends the session: its current tokens and the refresh tokens it retired are forgotten. */
    void remove(SessionId id);

    /**
     * Ends every session of the user (a password reset). Joins the surrounding transaction.
     *
     * @return how many sessions ended
     */
    int removeAllOf(io.invitekit.domain.account.UserId user);
}
