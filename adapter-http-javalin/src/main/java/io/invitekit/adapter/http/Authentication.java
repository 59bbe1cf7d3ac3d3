package io.invitekit.adapter.http;

import io.invitekit.adapter.http.InvitekitAuthentication.Caller;
import io.invitekit.application.port.in.AccountUseCase;
import io.invitekit.application.port.in.Actor;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.javalin.http.Context;
import java.util.Optional;

/** Who is calling, as the authentication bridge said before the handler ran. */
final class Authentication {
    private static final String CALLER = "invitekit.caller";
    private static final String TOKEN = "invitekit.token";

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

    /** Invitekit's own access tokens, as the bundled server uses them. */
    static InvitekitAuthentication bearer(AccountUseCase accounts) {
        return ctx -> bearerToken(ctx).flatMap(token -> {
            ctx.attribute(TOKEN, token);
            return accounts.authenticate(token).map(Caller::of);
        });
    }

    private static Optional<String> bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }
}
