package io.invitekit.adapter.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * CSRF protection for the pages' session cookie. {@code SameSite=Lax} alone is not enough: other
 * ports and subdomains of the same host are the same site, and a top-level form POST carries Lax
 * cookies on some browsers' first minutes. So an unsafe request (POST, PUT, PATCH, DELETE) that
 * the cookie signed in — and every log-in for the pages ({@code POST /api/auth/session}), against
 * log-in CSRF — must come from this server's own origin: {@code Sec-Fetch-Site} is
 * {@code same-origin} or {@code none} (typed by the user), or, from a browser that does not send
 * it, {@code Origin} is the base URL's origin (without a configured base URL: the request's own
 * scheme and {@code Host}). Neither header: refused. Then its body, if any,
 * must be declared JSON: a cross-site form can send {@code text/plain} without a preflight.
 * Requests with a bearer token are not held to this: no browser adds that header by itself.
 */
final class CrossSiteGuard {
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final String SESSION_PATH = "/api/auth/session";

    private final String ownOrigin; // null: the request's own
    private final String prefix;

    CrossSiteGuard(URI baseUrl, String prefix) {
        this.ownOrigin = baseUrl == null ? null : origin(baseUrl);
        this.prefix = prefix;
    }

    void check(Context ctx) {
        if (!UNSAFE.contains(ctx.method().name())) {
            return;
        }
        String path = ctx.path();
        boolean pagesLogIn = "POST".equals(ctx.method().name())
                && (path.equals(prefix + SESSION_PATH) || path.equals(prefix + SESSION_PATH + "/"));
        if (!pagesLogIn && !Authentication.byCookie(ctx)) {
            return;
        }
        if (!fromOwnOrigin(ctx)) {
            throw new Problems.Refusal(403, "cross_site_request", "Cross-site request",
                    "this request did not come from this site's own pages");
        }
        if (!declaredJson(ctx)) {
            throw new Problems.Refusal(415, "unsupported_media_type", "Unsupported media type",
                    "a request body must be sent as application/json");
        }
    }

    private boolean fromOwnOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null) {
            String value = site.strip().toLowerCase(Locale.ROOT);
            return value.equals("same-origin") || value.equals("none");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        try {
            String own = ownOrigin != null ? ownOrigin : origin(URI.create(ctx.scheme() + "://" + ctx.host()));
            return own.equals(origin(URI.create(origin.strip())));
        } catch (IllegalArgumentException notAnOrigin) {
            return false; // "null", garbage
        }
    }

    private static boolean declaredJson(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null) {
            return ctx.bodyAsBytes().length == 0;
        }
        String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }

    /** {@code scheme://host[:port]}, lower case, without a default port; "" for something that is not one. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty() || host.isEmpty()) {
            throw new IllegalArgumentException("not an origin");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
