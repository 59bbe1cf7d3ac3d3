package io.invitekit.adapter.http;

import io.invitekit.adapter.http.InvitekitAuthentication.Caller;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.CurrentSession;
import io.invitekit.application.port.in.SessionUseCase;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.javalin.http.Context;
import java.util.Optional;

/** Who is calling, as the authentication bridge said before the handler ran. */
final class Authentication {
    private static final String CALLER = "invitekit.caller";
    private static final String TOKEN = "invitekit.token";
    private static final String SESSION = "invitekit.session";
    private static final String BY_COOKIE = "invitekit.by-cookie";

    private Authentication() {
    }

    /** Runs before every API call: remembers the caller the bridge names, if any. */
    static void identify(InvitekitAuthentication bridge, Context ctx) {
        bridge.caller(ctx).ifPresent(caller -> ctx.attribute(CALLER, caller));
    }

    static Optional<Caller> caller(Context ctx) {
        return Optional.ofNullable(ctx.attribute(CALLER));
    }

    static Actor requireActor(Context ctx) {
        return requireCaller(ctx).actor();
    }

    static Caller requireCaller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new RuleViolationException(ErrorCode.UNAUTHENTICATED,
                    ctx.attribute(TOKEN) == null ? "sign in first" : "the access token is unknown or expired");
        }
        return caller;
    }

    /** The bearer token the caller signed in with (Invitekit's own accounts only). */
    static String requireToken(Context ctx) {
        requireCaller(ctx);
        String token = ctx.attribute(TOKEN);
        if (token == null) {
            throw new RuleViolationException(ErrorCode.UNAUTHENTICATED, "sign in first");
        }
        return token;
    }

    /**
     * Invitekit's own sessions, as the bundled server uses them: {@code Authorization: Bearer}
     * with an access token (API clients) when the header is there, else the pages' session
     * cookie. Remembers which session, and whether the cookie signed the request in (such
     * requests are held to {@link CrossSiteGuard}).
     */
    static InvitekitAuthentication ownSessions(SessionUseCase sessions, SessionCookie sessionCookie) {
        return ctx -> {
            Optional<String> bearer = bearerToken(ctx);
            if (bearer.isPresent()) {
                ctx.attribute(TOKEN, bearer.get());
                return remember(ctx, sessions.authenticate(bearer.get(), SessionKind.API), false);
            }
            String cookie = sessionCookie.read(ctx);
            if (cookie == null) {
                return Optional.empty();
            }
            return remember(ctx, sessions.authenticate(cookie, SessionKind.BROWSER), true);
        };
    }

    private static Optional<Caller> remember(Context ctx, Optional<CurrentSession> session, boolean byCookie) {
        session.ifPresent(current -> {
            ctx.attribute(SESSION, current);
            if (byCookie) {
                ctx.attribute(BY_COOKIE, Boolean.TRUE);
            }
        });
        return session.map(current -> Caller.of(current.actor()));
    }

    /** Whether the session cookie signed this request in. */
    static boolean byCookie(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(BY_COOKIE));
    }

    /** The caller's own Invitekit session; 401 for anyone else (anonymous, or a host's user). */
    static CurrentSession requireSession(Context ctx) {
        requireCaller(ctx);
        CurrentSession session = ctx.attribute(SESSION);
        if (session == null) {
            throw new RuleViolationException(ErrorCode.UNAUTHENTICATED, "sign in with an Invitekit session first");
        }
        return session;
    }

    private static Optional<String> bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }
}
