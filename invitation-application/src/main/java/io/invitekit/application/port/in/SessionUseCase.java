package io.invitekit.application.port.in;

import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.domain.account.SessionOrigin;
import java.util.List;
import java.util.Optional;

/**
 * With Invitekit's own accounts: sessions for the pages (one opaque token in a cookie), the
 * sessions a user can see and end, and what a signed-in user changes about their own account.
 * Every session remembers its kind, when it was created and last used (coarsely), and the client
 * address and user agent it was opened from.
 */
public interface SessionUseCase {

    /**
     * Logs in for the pages: the same checks, allowances and answers as {@link AccountUseCase#login},
     * but the session is a browser session.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code invalid_credentials}, {@code rate_limited}
     */
    BrowserSignIn logIn(LogIn attempt);

    /**
     * Trades a live access token (as sign-up, an accept or a reset's log-in just gave) for a
     * browser session of the same user: the access token's session ends.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code unauthenticated} for an unknown or expired token
     */
    BrowserSignIn exchange(String accessToken, SessionOrigin origin);

    /** Ends the browser session of this cookie token; an unknown one is ignored. */
    void logOut(String browserToken);

    /** The caller a token of this kind stands for, and its session; records the use coarsely. */
    Optional<CurrentSession> authenticate(String token, SessionKind kind);

    /** The caller's sessions, newest first, the current one marked. */
    List<SessionView> sessions(CurrentSession me);

    /**
     * Ends one of the caller's sessions (the current one too, if named).
     *
     * @throws io.invitekit.domain.shared.DomainException {@code session_not_found} for another's
     *         session and an unknown id alike
     */
    void revoke(CurrentSession me, SessionId id);

    /** Ends every session of the caller but the current one; how many ended. */
    int revokeOthers(CurrentSession me);

    /**
     * Sets a new password (the sign-up's policy, NFKC) given the current one, and ends every other
     * session of the caller (the current one stays). The current password tried counts against
     * the log-in allowances per address and per email, so this is no guessing channel.
     *
     * @throws io.invitekit.domain.shared.DomainException {@code wrong_current_password},
     *         {@code rate_limited}, {@code validation_failed}
     */
    void changePassword(CurrentSession me, PasswordChange.Builder change);

    /** Renames the caller; answers as {@link AccountUseCase#me}. */
    MeView rename(CurrentSession me, NewName.Builder name);
}
