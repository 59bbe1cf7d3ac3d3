package io.invitekit.application.port.out;

import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of the default session tokens (digests only). A session keeps its id across
 * refreshes: it is the family of every token pair issued since one log-in, and the refresh
 * tokens it retired point back at it, so that a reuse can revoke the whole family.
 */
public interface Sessions {
    void add(Session session);

    Optional<Session> byAccessDigest(TokenDigest digest);

    /** A session and its user's account, read together ({@link #byAccessDigestWithAccount}). */
    record WithAccount(Session session, Account account) {
        public WithAccount {
            java.util.Objects.requireNonNull(session, "session");
            java.util.Objects.requireNonNull(account, "account");
        }
    }

    /**
     * The session with this access digest and its user's account in {@code accounts}, when both
     * exist: the read behind every signed-in request. The default reads them one after the other;
     * a store that keeps {@code accounts} itself may read both in one statement (it must fall back
     * to this default for any other {@code Accounts}, such as a host's own).
     */
    default Optional<WithAccount> byAccessDigestWithAccount(TokenDigest digest, Accounts accounts) {
        return byAccessDigest(digest).flatMap(session -> accounts.byId(session.userId())
                .map(account -> new WithAccount(session, account)));
    }

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

    /**
     * Records a use of the session at {@code usedAt}, coarsely: a conditional write that changes
     * {@code lastUsedAt} only when it is at or before {@link Session#staleBefore}{@code (usedAt)},
     * so at most once per {@link Session#LAST_USED_GRANULARITY} per session, however many
     * requests use it.
     *
     * @return whether it wrote
     */
    boolean touch(SessionId id, Instant usedAt);

    /** Every session of the user, newest first. */
    List<Session> allOf(io.invitekit.domain.account.UserId user);

    /**
     * Ends the session if it is the user's.
     *
     * @return whether it was the user's and ended (false for another's session or an unknown id alike)
     */
    boolean removeOf(io.invitekit.domain.account.UserId user, SessionId id);

    /**
     * Ends every session of the user but {@code keep}. Joins the surrounding transaction.
     *
     * @return how many sessions ended
     */
    int removeAllOfExcept(io.invitekit.domain.account.UserId user, SessionId keep);
}
