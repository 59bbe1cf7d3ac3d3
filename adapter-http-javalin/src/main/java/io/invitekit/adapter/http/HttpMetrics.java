package io.invitekit.adapter.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Request timers by route and status, rate-limit rejections, the outbox backlog and the pending invitations. */
final class HttpMetrics {
    private final PrometheusMeterRegistry registry;
    /** One timer per method, route and status, looked up without building its id again on every request. */
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    HttpMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    static final String UNMATCHED = "unmatched";

    /** The matched route's template ({@code /api/invitations/{id}}), never the path itself; or {@link #UNMATCHED}. */
    static String route(Context ctx) {
        try {
            return ctx.endpoint() == null ? UNMATCHED : ctx.endpoint().path;
        } catch (RuntimeException noEndpoint) {
            return UNMATCHED;
        }
    }

    void request(Context ctx, float millis) {
        String route = route(ctx);
        String method = ctx.method().name();
        int status = ctx.status().getCode();
        Timer timer = timers.get(method + ' ' + status + ' ' + route);
        if (timer == null) {
            timer = timers.computeIfAbsent(method + ' ' + status + ' ' + route, key -> Timer.builder("http_server_requests")
                    .description("HTTP requests by route and status")
                    .tag("method", method)
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .register(registry));
        }
        timer.record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    void rateLimited(String limit) {
        Counter.builder("invitekit_rate_limit_rejections").tag("limit", limit)
                .description("requests refused by a rate limit").register(registry).increment();
    }

    void outboxBacklog(Supplier<Number> backlog) {
        Gauge.builder("invitekit_outbox_backlog", () -> backlog.get().doubleValue())
                .description("emails waiting to be sent").register(registry);
    }

    /** {@code invitekit_pending_invitations{kind}}: read from the stores at each scrape (one indexed count per kind). */
    void pendingInvitations(String kind, Supplier<Number> pending) {
        Gauge.builder("invitekit_pending_invitations", () -> pending.get().doubleValue())
                .description("invitations stored pending").tag("kind", kind).register(registry);
    }

    String scrape() {
        return registry.scrape();
    }
}
