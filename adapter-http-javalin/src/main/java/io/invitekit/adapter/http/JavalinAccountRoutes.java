package io.invitekit.adapter.http;

import io.invitekit.adapter.http.dto.AccountPayloads.AuthResponse;
import io.invitekit.adapter.http.dto.AccountPayloads.LoginRequest;
import io.invitekit.adapter.http.dto.AccountPayloads.MeResponse;
import io.invitekit.adapter.http.dto.AccountPayloads.MembershipResponse;
import io.invitekit.adapter.http.dto.AccountPayloads.RefreshRequest;
import io.invitekit.adapter.http.dto.AccountPayloads.SignupRequest;
import io.invitekit.adapter.http.dto.TenantPayloads.PageResponse;
import io.invitekit.application.port.in.AccountUseCase;
import io.invitekit.application.port.in.AccountUseCase.SignupCommand;
import io.invitekit.application.port.in.MeView;
import io.invitekit.application.port.in.Page;
import io.javalin.config.RoutesConfig;

/** Sign-up, log-in, refresh, log-out, "me" and all of one's memberships, a page at a time. */
final class JavalinAccountRoutes {
    private final AccountUseCase accounts;
    private final Bodies bodies;
    private final HttpRateLimits limits;
    private final ClientAddress clients;

    JavalinAccountRoutes(AccountUseCase accounts, Bodies bodies, HttpRateLimits limits, ClientAddress clients) {
        this.accounts = accounts;
        this.bodies = bodies;
        this.limits = limits;
        this.clients = clients;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/auth/signup", ctx -> {
            limits.signup(clients.of(ctx));
            SignupRequest body = bodies.read(ctx, SignupRequest.class);
            ctx.status(201).json(AuthResponse.of(accounts.signup(
                    new SignupCommand(body.email(), body.password(), body.firstName(), body.lastName()))));
        });
        routes.post("/api/auth/login", ctx -> {
            LoginRequest body = bodies.read(ctx, LoginRequest.class);
            accounts.checkLogin(body.email(), body.password()); // refused before it counts: it creates no bucket
            limits.login(clients.of(ctx), body.email());
            ctx.json(AuthResponse.of(accounts.login(body.email(), body.password())));
        });
        routes.post("/api/auth/refresh", ctx -> {
            RefreshRequest body = bodies.read(ctx, RefreshRequest.class);
            ctx.json(AuthResponse.of(accounts.refresh(body.refreshToken())));
        });
        routes.post("/api/auth/logout", ctx -> {
            accounts.logout(Authentication.requireToken(ctx));
            ctx.status(204);
        });
        routes.get("/api/me", ctx -> ctx.json(MeResponse.of(accounts.me(Authentication.requireUser(ctx)))));
        routes.get("/api/me/memberships", ctx -> {
            Page<MeView.MembershipView> page = accounts.memberships(Authentication.requireUser(ctx), Queries.page(ctx));
            ctx.json(new PageResponse<>(page.items().stream().map(MembershipResponse::of).toList(), page.nextCursor()));
        });
    }
}
