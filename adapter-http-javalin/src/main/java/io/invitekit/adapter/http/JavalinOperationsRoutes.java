package io.invitekit.adapter.http;

import io.invitekit.application.Invitekit;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Health, metrics, the OpenAPI description and its Swagger UI. */
final class JavalinOperationsRoutes {
    static final String DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Invitekit kit;
    private final HttpSettings settings;
    private final HttpMetrics metrics;
    private final byte[] openApi;

    /**
     * The two files of Swagger UI's webjar that {@code docs.html} loads, by name. Served from the
     * class path by this route rather than by Javalin's {@code enableWebjars()}: that mounts the
     * whole jar it finds them in as a zip file system at start, and in the bundled server's fat jar
     * that was about a sixth of the start-up time, for a page few ever open.
     */
    static final String SWAGGER_UI = "/webjars/swagger-ui/5.20.0/";
    private static final Map<String, String> SWAGGER_UI_FILES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8");

    JavalinOperationsRoutes(Invitekit kit, HttpSettings settings, HttpMetrics metrics) {
        this.kit = kit;
        this.settings = settings;
        this.metrics = metrics;
        this.openApi = resource("openapi.yaml");
    }

    void register(Routes routes) {
        routes.get("/health/live", ctx -> Json.reply(ctx, Map.of("status", "UP")));
        routes.get("/health/ready", ctx -> {
            settings.readiness().run(); // StoreUnavailableException → 503
            Json.reply(ctx, Map.of("status", "UP"));
        });
        routes.get("/metrics", ctx -> {
            if (!settings.metricsPublic()) {
                kit.operations().requireMetricsReader(Authentication.requireActor(ctx));
            }
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
        });
        routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApi));
        routes.get("/docs", ctx -> page(ctx, "docs.html", "text/html; charset=utf-8"));
        routes.get("/docs/swagger-init.js", ctx -> page(ctx, "swagger-init.js", "text/javascript; charset=utf-8"));
        routes.get(SWAGGER_UI + "{name}", ctx -> {
            String type = SWAGGER_UI_FILES.get(ctx.pathParam("name"));
            InputStream file = type == null ? null
                    : JavalinOperationsRoutes.class.getResourceAsStream("/META-INF/resources" + SWAGGER_UI + ctx.pathParam("name"));
            if (file == null) {
                ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
                return;
            }
            // The version is in the path: a new Swagger UI is a new URL.
            ctx.header("Cache-Control", "public, max-age=31536000, immutable").contentType(type).result(file);
        });
    }

    private static void page(Context ctx, String name, String type) {
        ctx.header("Content-Security-Policy", DOCS_CSP).contentType(type).result(resource(name));
    }

    static byte[] resource(String name) {
        try (InputStream in = JavalinOperationsRoutes.class.getResourceAsStream("/invitekit/http/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /invitekit/http/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
