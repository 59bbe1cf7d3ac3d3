package io.invitekit.adapter.http;

import io.invitekit.application.Invitekit;
import io.javalin.config.JavalinState;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.plugin.Plugin;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Invitekit's HTTP API as a plugin for the host's own Javalin application, under a path of the
 * host's choosing:
 *
 * <pre>{@code
 * Javalin.create(config -> config.registerPlugin(new InvitekitPlugin(kit, invitekit -> {
 *     invitekit.path = "/invitekit";
 *     invitekit.authentication = ctx -> myUsers.signedIn(ctx)       // the host's own session
 *             .map(u -> Caller.verified(Actor.user(u.uuid()), EmailAddress.of(u.email())));
 * })));
 * }</pre>
 *
 * Everything Invitekit adds applies under its path only: its JSON (written with its own mapper,
 * whatever the host's), the body-size limit, the security headers and {@code Cache-Control:
 * no-store} on its API, problem+json answers for its failures, unmatched API paths and wrong
 * methods. The host's routes and error handling stay as they are. The bundled server is this
 * plugin at the root, with Invitekit's own accounts and its pages.
 */
public final class InvitekitPlugin extends Plugin<InvitekitPlugin.Config> {
    private final Invitekit kit;

    public InvitekitPlugin(Invitekit kit, Consumer<Config> config) {
        super(config, new Config());
        this.kit = Objects.requireNonNull(kit, "kit");
    }

    /** What the host chooses; every field has a default but {@link #authentication}. */
    public static final class Config {
        /** Where the routes live: {@code ""} (the root) or a path such as {@code "/invitekit"}. */
        public String path = "/invitekit";
        /**
         * Who calls. Default: Invitekit's own bearer tokens, when the kit has its own accounts;
         * a host with its own users must set it.
         */
        public InvitekitAuthentication authentication;
        public HttpSettings settings = HttpSettings.defaults(() -> { });
        /**
         * Where request timers and counters go; {@code /metrics} (with {@link #operations}) scrapes
         * it. Pass the same registry to {@code Invitekit.builder().businessMetrics(new
         * MicrometerBusinessMetrics(registry))} (bootstrap) for the business counters.
         */
        public PrometheusMeterRegistry registry;
        /**
         * Where each request's observation goes (a server span, when it carries a tracing handler);
         * {@link ObservationRegistry#NOOP}, the default, makes none.
         */
        public ObservationRegistry observations = ObservationRegistry.NOOP;
        /** The web pages; they use Invitekit's own accounts and live at the root only. */
        public boolean pages;
        /** {@code /health/*}, {@code /metrics}, {@code /openapi.yaml} and {@code /docs}. */
        public boolean operations;
    }

    @Override
    public String name() {
        return "invitekit";
    }

    @Override
    public void onStart(JavalinState state) {
        Config config = pluginConfig;
        String path = config.path == null ? "" : config.path;
        if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/"))) {
            throw new IllegalArgumentException("the Invitekit path is \"\" or starts with / and does not end with /");
        }
        boolean ownSessions = config.authentication == null && kit.hasAccounts();
        InvitekitAuthentication bridge = config.authentication != null ? config.authentication
                : ownSessions ? Authentication.ownSessions(kit.sessions(), new SessionCookie(config.settings.baseUrl())) : null;
        if (bridge == null) {
            throw new IllegalStateException("Invitekit needs an authentication bridge: the host's users have no "
                    + "Invitekit accounts to sign in with");
        }
        if (config.pages && (!path.isEmpty() || !kit.hasAccounts())) {
            throw new IllegalStateException("the pages need Invitekit's own accounts and the root path");
        }
        HttpSettings settings = config.settings;
        HttpMetrics metrics = new HttpMetrics(config.registry != null ? config.registry
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        metrics.outboxBacklog(() -> kit.operations().outboxBacklog());
        metrics.pendingInvitations("tenant", () -> kit.operations().pendingTenantInvitations());
        metrics.pendingInvitations("member", () -> kit.operations().pendingMemberInvitations());
        ClientAddress clients = new ClientAddress(settings.trustedProxies());
        Bodies bodies = new Bodies(Json.mapper(), settings.maxBodyBytes());
        Problems problems = new Problems(metrics);
        Routes routes = new Routes(state.routes, path, problems, !state.router.ignoreTrailingSlashes);

        RequestIds requestIds = new RequestIds(clients);
        HttpObservations observations = new HttpObservations(
                config.observations != null ? config.observations : ObservationRegistry.NOOP, clients);
        state.requestLogger.http((ctx, millis) -> {
            if (isOurs(ctx, path)) {
                try {
                    RequestLog.log(ctx, millis);
                    metrics.request(ctx, millis);
                } finally {
                    observations.finish(ctx);
                    RequestIds.release(); // the request is over (no after-handler: it would become the route metrics name)
                }
            }
        });
        routes.before("/*", requestIds::assign);
        routes.before("/*", observations::start);
        Guard guard = new Guard(path, settings);
        routes.before("/*", guard::check);
        routes.before("/api/*", ctx -> Authentication.identify(bridge, ctx));
        if (ownSessions) {
            CrossSiteGuard crossSite = new CrossSiteGuard(settings.baseUrl(), path);
            routes.before("/api/*", crossSite::check);
        }
        problems.registerErrors(state.routes, path);
        new JavalinPlatformRoutes(kit).register(routes);
        new JavalinAccountRoutes(kit, bodies, clients).register(routes);
        if (ownSessions) {
            new JavalinSessionRoutes(kit.sessions(), bodies, clients, new SessionCookie(settings.baseUrl()))
                    .register(routes);
        }
        new JavalinInvitationRoutes(kit, bodies, clients).register(routes);
        new JavalinTenantRoutes(kit, bodies, clients).register(routes);
        new JavalinMemberRoutes(kit, bodies, clients).register(routes);
        new JavalinAuditRoutes(kit).register(routes);
        new JavalinWebhookRoutes(kit, bodies).register(routes);
        if (config.operations) {
            routes.before("/metrics", ctx -> Authentication.identify(bridge, ctx));
            new JavalinOperationsRoutes(kit, settings, metrics).register(routes);
        }
        if (config.pages) {
            JavalinPageRoutes pages = new JavalinPageRoutes(kit.platform().info().name());
            pages.register(routes);
            pages.registerNotFound(state.routes);
        }
    }

    private static boolean isOurs(Context ctx, String path) {
        return path.isEmpty() || ctx.path().equals(path) || ctx.path().startsWith(path + "/");
    }

    /**
     * Headers every answer under the path carries, and the body-size limit, before anything is
     * read. What does not change from one request to the next is worked out once.
     */
    private static final class Guard {
        private final String api;
        private final String hsts; // null: no HSTS header
        private final long maxBodyBytes;

        Guard(String path, HttpSettings settings) {
            this.api = path + "/api/";
            this.hsts = settings.hstsSeconds() > 0 ? "max-age=" + settings.hstsSeconds() : null;
            this.maxBodyBytes = settings.maxBodyBytes();
        }

        void check(Context ctx) {
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Content-Type-Options", "nosniff");
            if (hsts != null) {
                ctx.header("Strict-Transport-Security", hsts);
            }
            if (ctx.path().startsWith(api)) {
                // Tokens, refresh tokens and join codes must never be stored by a cache (RFC 6749 §5.1);
                // every API answer is treated so, errors included, rather than trusting each route to say.
                ctx.header("Cache-Control", "no-store");
                ctx.header("Pragma", "no-cache");
            }
            String length = ctx.header("Content-Length");
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > maxBodyBytes) {
                throw new ContentTooLargeResponse("the request body is larger than " + maxBodyBytes + " bytes");
            }
        }
    }
}
