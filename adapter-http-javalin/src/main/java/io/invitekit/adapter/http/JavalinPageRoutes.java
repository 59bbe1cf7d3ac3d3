package io.invitekit.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The web pages (SPEC §4): plain HTML, one stylesheet, ES-module scripts and {@code en.json},
 * all from {@code /invitekit/web/} on the classpath. No build step, nothing from a CDN, and no
 * inline script: the Content-Security-Policy forbids it. The pages talk to the API like any
 * other client, signed in by an HttpOnly session cookie that no script can read.
 */
final class JavalinPageRoutes {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** Path → HTML file. */
    static final Map<String, String> PAGES = Map.ofEntries(
            Map.entry("/login", "login.html"),
            Map.entry("/signup", "signup.html"),
            Map.entry("/join-or-create", "join-or-create.html"),
            Map.entry("/family/join", "family-join.html"),
            Map.entry("/family/manage", "family-manage.html"),
            Map.entry("/business", "business.html"),
            Map.entry("/platform/invitations", "platform-invitations.html"),
            Map.entry("/platform/tenants", "platform-tenants.html"),
            Map.entry("/platform/activity", "platform-activity.html"),
            Map.entry("/platform/webhooks", "webhooks.html"),
            Map.entry("/family/webhooks", "webhooks.html"),
            Map.entry("/tenant-onboard", "tenant-onboard.html"),
            Map.entry("/forgot-password", "forgot-password.html"),
            Map.entry("/reset-password", "reset-password.html"),
            Map.entry("/account", "account.html"),
            Map.entry("/verify-email", "verify-email.html"),
            Map.entry("/invite", "invite.html"));

    /**
     * Pages whose path carries a value the page reads itself (Javalin path patterns → HTML file).
     * A join code in the path is a secret of sorts: the request log blanks it out.
     */
    static final Map<String, String> PATTERN_PAGES = Map.of("/join/{code}", "join-link.html");

    /** Asset names: flat, so that no request can reach outside the assets folder. */
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]{1,64}\\.(css|js|json|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml");
    private static final String ROOT = "/invitekit/web/";

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    void register(Routes routes) {
        // Where a visitor goes depends on the session in their browser: the log-in page knows.
        routes.get("/", ctx -> ctx.redirect("/login", HttpStatus.FOUND));
        Stream.concat(PAGES.entrySet().stream(), PATTERN_PAGES.entrySet().stream()).forEach(page -> {
            String path = page.getKey();
            String file = page.getValue();
            byte[] html = load("pages/" + file).orElseThrow(() -> new IllegalStateException("missing page " + file));
            routes.get(path, ctx -> send(ctx, "text/html; charset=utf-8", html));
        });
        routes.get("/assets/{name}", ctx -> {
            String name = ctx.pathParam("name");
            Optional<byte[]> asset = ASSET.matcher(name).matches() ? load("assets/" + name) : Optional.empty();
            if (asset.isEmpty()) {
                ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
                return;
            }
            send(ctx, TYPES.get(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)), asset.get());
        });
    }

    private static void send(Context ctx, String type, byte[] body) {
        ctx.header("Content-Security-Policy", CSP)
                .header("Cache-Control", "no-cache")
                .contentType(type)
                .result(body);
    }

    private Optional<byte[]> load(String name) {
        return cache.computeIfAbsent(name, JavalinPageRoutes::read);
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = JavalinPageRoutes.class.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
