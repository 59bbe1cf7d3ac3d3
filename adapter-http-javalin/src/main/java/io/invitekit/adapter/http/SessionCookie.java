package io.invitekit.adapter.http;

import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;

/**
 * The pages' session cookie: {@value #NAME}, an opaque token (the server keeps only its digest),
 * {@code Path=/}, {@code HttpOnly} (no script reads it), {@code SameSite=Lax}, and {@code Secure}
 * when the deployment's base URL is https. Written by hand: the attributes are the contract.
 */
final class SessionCookie {
    static final String NAME = "invitekit_session";

    private final boolean secure;

    SessionCookie(URI baseUrl) {
        this.secure = "https".equalsIgnoreCase(baseUrl.getScheme());
    }

    static String read(Context ctx) {
        String value = ctx.cookie(NAME);
        return value == null || value.isBlank() ? null : value;
    }

    void set(Context ctx, String token, Duration maxAge) {
        ctx.res().addHeader("Set-Cookie", NAME + "=" + token + "; Path=/; Max-Age=" + maxAge.toSeconds() + attributes());
    }

    void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", NAME + "=; Path=/; Max-Age=0" + attributes());
    }

    private String attributes() {
        return "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
