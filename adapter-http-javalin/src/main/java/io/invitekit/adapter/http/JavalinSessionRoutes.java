package io.invitekit.adapter.http;

import io.invitekit.adapter.http.dto.AccountPayloads.MeResponse;
import io.invitekit.adapter.http.dto.SessionPayloads.PasswordChangeRequest;
import io.invitekit.adapter.http.dto.SessionPayloads.RenameRequest;
import io.invitekit.adapter.http.dto.SessionPayloads.RevokedResponse;
import io.invitekit.adapter.http.dto.SessionPayloads.SessionRequest;
import io.invitekit.adapter.http.dto.SessionPayloads.SessionResponse;
import io.invitekit.adapter.http.dto.SessionPayloads.SessionsResponse;
import io.invitekit.adapter.http.dto.SessionPayloads.SignedInResponse;
import io.invitekit.application.port.in.BrowserSignIn;
import io.invitekit.application.port.in.CurrentSession;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.NewName;
import io.invitekit.application.port.in.PasswordChange;
import io.invitekit.application.port.in.SessionUseCase;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.javalin.http.Context;

/**
 * The pages' session (log in and out with a cookie, or trade a fresh access token for one), and
 * what a signed-in user does with their own sessions, password and name. Only with Invitekit's
 * own accounts and its own authentication: a host's users have the host's sessions.
 */
final class JavalinSessionRoutes {
    private final SessionUseCase sessions;
    private final Bodies bodies;
    private final ClientAddress clients;
    private final SessionCookie cookie;

    JavalinSessionRoutes(SessionUseCase sessions, Bodies bodies, ClientAddress clients, SessionCookie cookie) {
        this.sessions = sessions;
        this.bodies = bodies;
        this.clients = clients;
        this.cookie = cookie;
    }

    void register(Routes routes) {
        routes.post(CrossSiteGuard.SESSION_PATH, this::open);
        routes.delete(CrossSiteGuard.SESSION_PATH, ctx -> {
            sessions.logOut(cookie.read(ctx));
            cookie.clear(ctx);
            ctx.status(204);
        });
        routes.patch("/api/me", ctx -> {
            RenameRequest body = bodies.read(ctx, RenameRequest.class);
            Json.reply(ctx, MeResponse.of(sessions.rename(Authentication.requireSession(ctx),
                    NewName.of(body.firstName(), body.lastName()))));
        });
        routes.post("/api/me/password", ctx -> {
            CurrentSession me = Authentication.requireSession(ctx);
            PasswordChangeRequest body = bodies.read(ctx, PasswordChangeRequest.class);
            sessions.changePassword(me, PasswordChange.current(body.currentPassword()).to(body.newPassword())
                    .from(clients.of(ctx)));
            ctx.status(204);
        });
        routes.get("/api/me/sessions", ctx -> Json.reply(ctx, new SessionsResponse(
                sessions.sessions(Authentication.requireSession(ctx)).stream().map(SessionResponse::of).toList())));
        routes.delete("/api/me/sessions", ctx -> Json.reply(ctx,
                new RevokedResponse(sessions.revokeOthers(Authentication.requireSession(ctx)))));
        routes.delete("/api/me/sessions/{id}", ctx -> {
            CurrentSession me = Authentication.requireSession(ctx);
            // A malformed id is answered as an unknown one, which is answered as another's.
            SessionId id = SessionId.parse(ctx.pathParam("id")).orElseThrow(() ->
                    new RuleViolationException(ErrorCode.SESSION_NOT_FOUND, "no such session of yours"));
            sessions.revoke(me, id);
            if (id.equals(me.id()) && Authentication.byCookie(ctx)) {
                cookie.clear(ctx);
            }
            ctx.status(204);
        });
    }

    /** A log-in for the pages, or a trade of a fresh access token: either way a cookie. */
    private void open(Context ctx) {
        SessionRequest body = bodies.read(ctx, SessionRequest.class);
        if (body.isMixed()) {
            throw new Json.MalformedBodyException("send either email and password, or access_token");
        }
        String address = clients.of(ctx);
        BrowserSignIn signedIn = body.isTrade()
                ? sessions.exchange(body.accessToken(), new SessionOrigin(address, ctx.userAgent()))
                : sessions.logIn(LogIn.with(body.email(), body.password()).from(address).agent(ctx.userAgent()));
        // The cookie's earlier session, if any, ends: one browser, one session.
        String earlier = cookie.read(ctx);
        if (earlier != null) {
            sessions.logOut(earlier);
        }
        cookie.set(ctx, signedIn.token(), signedIn.maxAge());
        Json.reply(ctx, SignedInResponse.of(signedIn.user()));
    }
}
