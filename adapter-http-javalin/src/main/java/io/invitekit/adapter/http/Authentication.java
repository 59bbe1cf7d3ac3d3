package io.invitekit.adapter.http;

import io.invitekit.application.port.in.AccountUseCase;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.javalin.http.Context;
import java.util.Optional;

/** Bearer access tokens: who is calling, if anybody. */
final class Authentication {
    private static final String USER = "invitekit.user";
    private static final String TOKEN = "invitekit.token";
    private final AccountUseCase accounts;

    Authentication(AccountUseCase accounts) {
        this.accounts = accounts;
    }

    /** Runs before every API call: remembers the caller when the token is good. */
    void identify(Context ctx) {
        bearer(ctx).ifPresent(token -> {
            ctx.attribute(TOKEN, token);
            accounts.authenticate(token).ifPresent(user -> ctx.attribute(USER, user));
        });
    }

    static UserId requireUser(Context ctx) {
        UserId user = ctx.attribute(USER);
        if (user == null) {
            throw new RuleViolationException(ErrorCode.UNAUTHENTICATED,
                    ctx.attribute(TOKEN) == null ? "sign in first" : "the access token is unknown or expired");
        }
        return user;
    }

    static String requireToken(Context ctx) {
        requireUser(ctx);
        return ctx.attribute(TOKEN);
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).strip());
    }
}
