package io.invitekit.adapter.http;

import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;

/**
 * The pages' session cookie: an opaque token (the server keeps only its digest), {@code Path=/},
 * {@code HttpOnly} (no script reads it), {@code SameSite=Lax}, and {@code Secure} when the
 * deployment's base URL is https (without one: when the request came over https). A secure one is
 * named {@value #SECURE_NAME}: browsers take that prefix only from the host itself, Secure, with
 * {@code Path=/} and no {@code Domain}, so a sibling subdomain (a tenant's, say) cannot plant a
 * cookie of that name for this host; and a secure deployment reads no other name. Over plain
 * http (local development) it is {@value #NAME}. Written by hand: the attributes are the contract.
 */
final class SessionCookie {
    static final String NAME = "invitekit_session";
    static final String SECURE_NAME = "__Host-" + NAME;

    private final URI baseUrl; // null: the request's scheme decides

    SessionCookie(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    String read(Context ctx) {
        String value = ctx.cookie(name(ctx));
        return value == null || value.isBlank() ? null : value;
    }

    void set(Context ctx, String token, Duration maxAge) {
        ctx.res().addHeader("Set-Cookie", name(ctx) + "=" + token + "; Path=/; Max-Age=" + maxAge.toSeconds()
                + attributes(ctx));
    }

    void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", name(ctx) + "=; Path=/; Max-Age=0" + attributes(ctx));
    }

    private boolean secure(Context ctx) {
        String scheme = baseUrl != null ? baseUrl.getScheme() : ctx.scheme();
        return "https".equalsIgnoreCase(scheme);
    }

    private String name(Context ctx) {
        return secure(ctx) ? SECURE_NAME : NAME;
    }

    private String attributes(Context ctx) {
        return "; HttpOnly; SameSite=Lax" + (secure(ctx) ? "; Secure" : "");
    }
}
