package io.invitekit.adapter.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * other client, signed in by an HttpOnly session cookie that no script can read. Each page's
 * {@code <title>} says {@value #PLATFORM_NAME} where the server puts the platform's name (the
 * scripts then read it, with the rest of the platform, from {@code GET /api/platform/info}).
 *
 * <p>A GET of a path no route matched, outside the API and the operations routes, is answered with
 * the {@code not-found.html} page (404) for a client that takes HTML; the API keeps problem+json.
 */
final class JavalinPageRoutes {
    /** Where a page's HTML says the platform's name. */
    static final String PLATFORM_NAME = "{platform.name}";
    static final String NOT_FOUND_PAGE = "not-found.html";
    /** Paths that are never pages: a 404 there stays what its own routes answer. */
    private static final List<String> NOT_PAGES = List.of("/api", "/assets", "/health", "/metrics", "/openapi.yaml",
            "/docs", "/webjars");

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
     * Pages whose path carries a value the page reads itself (Javalin path patterns → HTML file):
     * a join code (a secret of sorts: the request log blanks it out) or a tenant's id.
     */
    static final Map<String, String> PATTERN_PAGES = Map.of(
            "/join/{code}", "join-link.html",
            "/platform/tenants/{id}", "platform-tenant.html");

    /** Asset names: flat, so that no request can reach outside the assets folder. */
    private static final Pattern ASSET = Pattern.compile("[a-z0-9-]{1,64}\\.(css|js|json|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml");
    private static final String ROOT = "/invitekit/web/";

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();
    private final String platformName;

    /** @param platformName what the pages' titles say before their scripts run */
    JavalinPageRoutes(String platformName) {
        this.platformName = escapeHtml(platformName);
    }

    void register(Routes routes) {
        // Where a visitor goes depends on the session in their browser: the log-in page knows.
        routes.get("/", ctx -> ctx.redirect("/login", HttpStatus.FOUND));
        Stream.concat(PAGES.entrySet().stream(), PATTERN_PAGES.entrySet().stream()).forEach(page -> {
            String path = page.getKey();
            String file = page.getValue();
            byte[] html = page(file);
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

    /**
     * The HTML 404 page for paths that are not the API's, the assets' or the operations', when the
     * client takes HTML (a browser); others keep Javalin's answer. Runs after the problem handlers
     * ({@link Problems#registerErrors}), which leave such paths alone.
     */
    void registerNotFound(RoutesConfig routes) {
        byte[] html = page(NOT_FOUND_PAGE);
        routes.error(404, ctx -> {
            if (isPagePath(ctx.path()) && takesHtml(ctx.header("Accept"))
                    && ("GET".equals(ctx.method().name()) || "HEAD".equals(ctx.method().name()))) {
                send(ctx.status(404), "text/html; charset=utf-8", html);
            }
        });
    }

    static boolean isPagePath(String path) {
        return NOT_PAGES.stream().noneMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    /** Whether the client takes HTML: a browser says text/html; no Accept header, or * / *, takes anything. */
    static boolean takesHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        return lower.contains("text/html") || lower.contains("*/*");
    }

    private byte[] page(String file) {
        byte[] html = load("pages/" + file).orElseThrow(() -> new IllegalStateException("missing page " + file));
        return new String(html, StandardCharsets.UTF_8).replace(PLATFORM_NAME, platformName)
                .getBytes(StandardCharsets.UTF_8);
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
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
