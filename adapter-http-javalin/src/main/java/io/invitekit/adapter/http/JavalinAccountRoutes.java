package io.invitekit.adapter.http;

import io.invitekit.adapter.http.dto.AccountPayloads.AuthResponse;
import io.invitekit.adapter.http.dto.AccountPayloads.CheckYourEmail;
import io.invitekit.adapter.http.dto.AccountPayloads.LoginRequest;
import io.invitekit.adapter.http.dto.AccountPayloads.MeResponse;
import io.invitekit.adapter.http.dto.SessionPayloads.LocaleRequest;
import io.invitekit.adapter.http.dto.AccountPayloads.MembershipResponse;
import io.invitekit.adapter.http.dto.AccountPayloads.PasswordResetAccepted;
import io.invitekit.adapter.http.dto.AccountPayloads.PasswordResetConfirmRequest;
import io.invitekit.adapter.http.dto.AccountPayloads.PasswordResetRequest;
import io.invitekit.adapter.http.dto.AccountPayloads.RefreshRequest;
import io.invitekit.adapter.http.dto.AccountPayloads.SignupRequest;
import io.invitekit.adapter.http.dto.AccountPayloads.VerificationResendRequest;
import io.invitekit.adapter.http.dto.AccountPayloads.VerifyEmailRequest;
import io.invitekit.adapter.http.dto.TenantPayloads.PageResponse;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.LogIn;
import io.invitekit.application.port.in.MembershipView;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.Page;
import io.invitekit.application.port.in.ResetPassword;
import io.invitekit.application.port.in.SignupResult;
import io.invitekit.application.port.in.VerificationEmailRequest;
import io.invitekit.application.port.in.VerifyEmail;

/**
 * Invitekit's own accounts — sign-up, log-in, refresh, email verification, password reset,
 * log-out, "me" — and all of one's
 * memberships, a page at a time (which needs only a signed-in caller).
 */
final class JavalinAccountRoutes {
    private final Invitekit kit;
    private final Bodies bodies;
    private final ClientAddress clients;

    JavalinAccountRoutes(Invitekit kit, Bodies bodies, ClientAddress clients) {
        this.kit = kit;
        this.bodies = bodies;
        this.clients = clients;
    }

    void register(Routes routes) {
        if (kit.hasAccounts()) {
            routes.post("/api/auth/signup", ctx -> {
                SignupRequest body = bodies.read(ctx, SignupRequest.class);
                SignupResult result = kit.accounts().signup(NewAccount.email(body.email())
                        .password(body.password()).name(body.firstName(), body.lastName()).from(clients.of(ctx))
                        .agent(ctx.userAgent()));
                if (result.verificationRequired()) {
                    Json.reply(ctx.status(202), CheckYourEmail.SIGNUP); // the same for a taken email
                } else {
                    Json.reply(ctx.status(201), AuthResponse.of(result.signedIn()));
                }
            });
            routes.post("/api/auth/verify-email", ctx -> {
                VerifyEmailRequest body = bodies.read(ctx, VerifyEmailRequest.class);
                Json.reply(ctx, AuthResponse.of(kit.accounts().verifyEmail(
                        VerifyEmail.token(body.token()).password(body.password()).from(clients.of(ctx))
                                .agent(ctx.userAgent()))));
            });
            routes.post("/api/auth/verify-email/resend", ctx -> {
                VerificationResendRequest body = bodies.read(ctx, VerificationResendRequest.class);
                kit.accounts().resendVerificationEmail(
                        VerificationEmailRequest.forEmail(body.email()).from(clients.of(ctx)));
                Json.reply(ctx.status(202), CheckYourEmail.RESEND);
            });
            routes.post("/api/auth/login", ctx -> {
                LoginRequest body = bodies.read(ctx, LoginRequest.class);
                Json.reply(ctx, AuthResponse.of(kit.accounts().login(
                        LogIn.with(body.email(), body.password()).from(clients.of(ctx)).agent(ctx.userAgent()))));
            });
            routes.post("/api/auth/refresh", ctx -> {
                RefreshRequest body = bodies.read(ctx, RefreshRequest.class);
                Json.reply(ctx, AuthResponse.of(kit.accounts().refresh(body.refreshToken())));
            });
            routes.post("/api/auth/password-reset", ctx -> {
                PasswordResetRequest body = bodies.read(ctx, PasswordResetRequest.class);
                kit.accounts().requestPasswordReset(
                        io.invitekit.application.port.in.PasswordResetRequest.forEmail(body.email()).from(clients.of(ctx)));
                Json.reply(ctx.status(202), PasswordResetAccepted.ANSWER);
            });
            routes.post("/api/auth/password-reset/confirm", ctx -> {
                PasswordResetConfirmRequest body = bodies.read(ctx, PasswordResetConfirmRequest.class);
                kit.accounts().resetPassword(ResetPassword.token(body.token()).password(body.password()).from(clients.of(ctx)));
                ctx.status(204);
            });
            routes.post("/api/auth/logout", ctx -> {
                kit.accounts().logout(Authentication.requireToken(ctx));
                ctx.status(204);
            });
            routes.get("/api/me", ctx -> Json.reply(ctx, MeResponse.of(kit.accounts().me(Authentication.requireActor(ctx)))));
            routes.put("/api/me/locale", ctx -> {
                Actor actor = Authentication.requireActor(ctx);
                LocaleRequest body = bodies.read(ctx, LocaleRequest.class);
                Json.reply(ctx, MeResponse.of(kit.accounts().changeLocale(actor, body.locale())));
            });
        }
        routes.get("/api/me/memberships", ctx -> {
            Page<MembershipView> page = kit.tenants().memberships(Authentication.requireActor(ctx), Queries.page(ctx));
            Json.reply(ctx, new PageResponse<>(page.items().stream().map(MembershipResponse::of).toList(),
                    page.nextCursor()));
        });
    }
}
