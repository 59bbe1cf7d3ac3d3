package io.invitekit.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.invitekit.application.Invitekit;
import io.invitekit.application.port.out.RateLimiter;
import io.javalin.Javalin;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Consumer;

/**
 * The HTTP API of an {@link Invitekit} and its web pages, as a Javalin application ready to start. The bundled
 * server uses it; an embedding application may too, or mount its routes in its own Javalin.
 */
public final class InvitekitHttp {
    private InvitekitHttp() {
    }

    /**
     * @param limiter  the limiter for log-in, sign-up and link limits (the same one the application uses)
     * @param registry where request timers and counters go ({@code /metrics} scrapes it)
     * @param extra    more configuration: Jetty settings, more routes, … (may do nothing)
     */
    public static Javalin create(Invitekit kit, HttpSettings settings, RateLimiter limiter,
                                 PrometheusMeterRegistry registry, Consumer<io.javalin.config.JavalinConfig> extra) {
        ObjectMapper mapper = Json.mapper();
        HttpMetrics metrics = new HttpMetrics(registry);
        metrics.outboxBacklog(() -> kit.storage().outbox().backlog());
        ClientAddress clients = new ClientAddress(settings.trustedProxies());
        Bodies bodies = new Bodies(mapper);
        HttpRateLimits limits = new HttpRateLimits(limiter, settings);
        Authentication authentication = new Authentication(kit.accounts());
        Problems problems = new Problems(metrics);

        return Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.router.ignoreTrailingSlashes = true;
            config.router.treatMultipleSlashesAsSingleSlash = true;
            config.startup.showJavalinBanner = false;
            config.staticFiles.enableWebjars();
            config.requestLogger.http((ctx, millis) -> {
                RequestLog.log(ctx, millis);
                metrics.request(ctx, millis);
            });
            config.routes.before(ctx -> {
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("X-Content-Type-Options", "nosniff");
                if (settings.hstsSeconds() > 0) {
                    ctx.header("Strict-Transport-Security", "max-age=" + settings.hstsSeconds());
                }
                if (ctx.path().startsWith("/api/")) {
                    // Tokens, refresh tokens and join codes must never be stored by a cache (RFC 6749 §5.1);
                    // every API answer is treated so, errors included, rather than trusting each route to say.
                    ctx.header("Cache-Control", "no-store");
                    ctx.header("Pragma", "no-cache");
                }
                String length = ctx.header("Content-Length");
                if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                        && Long.parseLong(length) > settings.maxBodyBytes()) {
                    throw new ContentTooLargeResponse("the request body is larger than 64 KiB");
                }
            });
            config.routes.before("/api/*", authentication::identify);
            config.routes.before("/metrics", authentication::identify);
            problems.register(config.routes);
            new JavalinAccountRoutes(kit.accounts(), bodies, limits, clients).register(config.routes);
            new JavalinInvitationRoutes(kit, bodies, limits, clients).register(config.routes);
            new JavalinTenantRoutes(kit, bodies, clients).register(config.routes);
            new JavalinOperationsRoutes(kit, settings, metrics).register(config.routes);
            new JavalinPageRoutes().register(config.routes);
            extra.accept(config);
        });
    }
}
