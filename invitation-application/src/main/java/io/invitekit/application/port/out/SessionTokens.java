package io.invitekit.application.port.out;

import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.account.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Issues and checks the tokens of signed-in users, and lets them see and end their sessions. The
 * default keeps opaque tokens hashed in {@link Sessions}; an embedding application may plug in its
 * own (JWTs, its session cookie, …).
 */
public interface SessionTokens {
    /**
     * A fresh pair for the user. An accept calls this inside its transaction, so that the
     * owner's session commits with the accept or not at all: the default's session row joins
     * that transaction. An implementation that keeps state elsewhere must tolerate the
     * transaction rolling back afterwards (its tokens are then never handed out).
     */
    IssuedTokens issue(UserId user, SessionOrigin origin);

    /** A fresh pair of unknown origin. */
    default IssuedTokens issue(UserId user) {
        return issue(user, SessionOrigin.UNKNOWN);
    }

    /** A fresh browser session (one token, for a cookie). Joins a surrounding transaction. */
    IssuedBrowserSession openBrowserSession(UserId user, SessionOrigin origin);

    /**
     * The live session a token of this kind belongs to: an access token for {@link SessionKind#API},
     * a cookie's token for {@link SessionKind#BROWSER} (never the one for the other). Records the
     * use coarsely ({@link Sessions#touch}).
     */
    Optional<LiveSession> authenticate(String token, SessionKind kind);

    /** A live session and its user's account ({@link #authenticate(String, SessionKind, Accounts)}). */
    record SignedIn(LiveSession session, Account account) {
        public SignedIn {
            java.util.Objects.requireNonNull(session, "session");
            java.util.Objects.requireNonNull(account, "account");
        }
    }

    /**
     * {@link #authenticate(String, SessionKind)} with the session's account from {@code accounts},
     * empty when either is unknown: what every signed-in request needs. The default asks
     * {@code accounts} after the session; the default tokens read both at once where the store can
     * ({@link Sessions#byAccessDigestWithAccount}).
     */
    default Optional<SignedIn> authenticate(String token, SessionKind kind, Accounts accounts) {
        return authenticate(token, kind).flatMap(live -> accounts.byId(live.user())
                .map(account -> new SignedIn(live, account)));
    }

    /** The user an access token belongs to, if it is known and live. */
    default Optional<UserId> authenticate(String accessToken) {
        return authenticate(accessToken, SessionKind.API).map(LiveSession::user);
    }

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

    /** Ends the browser session the cookie's token belongs to; unknown tokens are ignored. */
    void endBrowserSession(String token);

    /**
     * Ends every session of the user: after a password reset no token issued before it works.
     * Called inside the reset's transaction.
     */
    void revokeAll(UserId user);

    /** Every session of the user, newest first. */
    List<Session> sessionsOf(UserId user);

    /** Ends the user's session {@code id}; false when it is not theirs or unknown (alike). */
    boolean revoke(UserId owner, SessionId id);

    /** Ends every session of the user but {@code keep}; joins a surrounding transaction. */
    int revokeAllBut(UserId owner, SessionId keep);
}
