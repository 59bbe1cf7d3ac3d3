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
