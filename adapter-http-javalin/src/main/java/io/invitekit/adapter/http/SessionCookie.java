package io.invitekit.adapter.http;

import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;

/**
 * The pages' session cookie: {@value #NAME}, an opaque token (the server keeps only its digest),
 * {@code Path=/}, {@code HttpOnly} (no script reads it), {@code SameSite=Lax}, and {@code Secure}
 * when the deployment's base URL is https (without one: when the request came over https).
 * Written by hand: the attributes are the contract.
 */
final class SessionCookie {
    static final String NAME = "invitekit_session";

    private final URI baseUrl; // null: the request's scheme decides

    SessionCookie(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    static String read(Context ctx) {
        String value = ctx.cookie(NAME);
        return value == null || value.isBlank() ? null : value;
    }

    void set(Context ctx, String token, Duration maxAge) {
        ctx.res().addHeader("Set-Cookie", NAME + "=" + token + "; Path=/; Max-Age=" + maxAge.toSeconds() + attributes(ctx));
    }

    void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", NAME + "=; Path=/; Max-Age=0" + attributes(ctx));
    }

    private String attributes(Context ctx) {
        String scheme = baseUrl != null ? baseUrl.getScheme() : ctx.scheme();
        return "; HttpOnly; SameSite=Lax" + ("https".equalsIgnoreCase(scheme) ? "; Secure" : "");
    }
}
