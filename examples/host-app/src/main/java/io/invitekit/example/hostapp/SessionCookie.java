package io.invitekit.example.hostapp;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.Optional;

/**
 * The host's session as a cookie: HttpOnly, and {@code SameSite=Strict} so that another site's
 * page cannot make a browser call the host's routes (nor Invitekit's, which trust the same
 * session) with it.
 */
public final class SessionCookie {
    public static final String NAME = "host_session";

    private final Sessions sessions;
    private final boolean secure;
    private final Duration lifetime;

    public SessionCookie(Sessions sessions, boolean secure, Duration lifetime) {
        this.sessions = sessions;
        this.secure = secure;
        this.lifetime = lifetime;
    }

    /** Who the request's cookie signs in, if anybody. */
    public Optional<Account> signedIn(Context ctx) {
        String token = ctx.cookie(NAME);
        return token == null || token.isBlank() ? Optional.empty() : sessions.account(token);
    }

    public void set(Context ctx, String token) {
        ctx.cookie(cookie(token, (int) lifetime.toSeconds()));
    }

    public void clear(Context ctx) {
        String token = ctx.cookie(NAME);
        if (token != null) {
            sessions.close(token);
        }
        ctx.cookie(cookie("", 0));
    }

    private Cookie cookie(String value, int maxAge) {
        Cookie cookie = new Cookie(NAME, value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setSameSite(SameSite.STRICT);
        cookie.setMaxAge(maxAge);
        return cookie;
    }
}
