package io.invitekit.example.hostapp;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.validation.ValidationException;
import java.util.Optional;

/**
 * The host's own routes: log in, log out, who am I. Its JSON is its own (camelCase, through the
 * mapper the host configured), and so are its error answers.
 */
public final class HostRoutes {
    private final Accounts accounts;
    private final Sessions sessions;
    private final SessionCookie cookie;

    public HostRoutes(Accounts accounts, Sessions sessions, SessionCookie cookie) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.cookie = cookie;
    }

    public record LogInRequest(String email, String password) {
    }

    public record UserResponse(String id, String email, String displayName, boolean emailVerified, boolean admin) {
        static UserResponse of(Account a) {
            return new UserResponse(a.id().toString(), a.email(), a.name(), a.emailVerified(), a.admin());
        }
    }

    /** Every error of the host's own routes looks like this. */
    public record HostError(String error, String path) {
    }

    public void register(RoutesConfig routes) {
        routes.post("/login", this::logIn);
        routes.post("/logout", ctx -> {
            cookie.clear(ctx);
            ctx.status(204);
        });
        routes.get("/me", ctx -> {
            Optional<Account> me = cookie.signedIn(ctx);
            if (me.isEmpty()) {
                ctx.status(401).json(new HostError("sign in first", ctx.path()));
                return;
            }
            ctx.json(UserResponse.of(me.get()));
        });
        routes.get("/accept-invitation", this::acceptancePage);
        routes.exception(ValidationException.class, (e, ctx) ->
                ctx.status(400).json(new HostError("malformed request", ctx.path())));
        routes.error(404, ctx -> ctx.json(new HostError("no such page", ctx.path())));
    }

    /**
     * Where the invitation email's link leads ({@code invitationLinkTemplate}). A real host renders
     * its form here; this one says which call the form would make.
     */
    private void acceptancePage(Context ctx) {
        String token = ctx.queryParam("token");
        if (token == null || !token.matches("[A-Za-z0-9_-]{1,200}")) {
            ctx.status(400).json(new HostError("this link is incomplete", ctx.path()));
            return;
        }
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .contentType("text/plain; charset=utf-8")
                .result("Sign in (POST /login) as the invited address, then accept:\n"
                        + "  POST " + HostApp.INVITEKIT_PATH + "/api/platform/tenant-invitations/token/" + token + "/accept\n"
                        + "  {\"business_name\": \"...\", \"subdomain\": \"...\"}\n");
    }

    private void logIn(Context ctx) {
        LogInRequest body = ctx.bodyValidator(LogInRequest.class)
                .check(b -> b.email() != null && b.password() != null, "email and password are required")
                .get();
        Optional<Account> account = accounts.logIn(body.email(), body.password());
        if (account.isEmpty()) {
            ctx.status(401).json(new HostError("wrong email or password", ctx.path()));
            return;
        }
        cookie.set(ctx, sessions.open(account.get().id()));
        ctx.json(UserResponse.of(account.get()));
    }
}
