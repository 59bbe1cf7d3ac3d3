package io.invitekit.adapter.http;

import io.javalin.http.Context;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * One observation per request (a server span, when the server traces), named by the method and
 * the route's template ({@code GET /api/invitations/{id}}), never by the path: paths carry
 * tokens and codes. It holds the method, the route, the status and the request's id (which its
 * log lines carry too), nothing the caller sent. A trace context in the request's headers
 * ({@code traceparent}) is followed only from a trusted proxy, as {@code X-Request-Id} is: anyone
 * else could thread our spans into a trace of their choosing. With {@link ObservationRegistry#NOOP}
 * (the default) nothing is made at all.
 */
final class HttpObservations {
    static final String NAME = "http.server.requests";
    private static final String ATTRIBUTE = "invitekit.observationScope";

    private final ObservationRegistry registry;
    private final ClientAddress clients;

    HttpObservations(ObservationRegistry registry, ClientAddress clients) {
        this.registry = registry;
        this.clients = clients;
    }

    /** Before the request's handlers, after its id is assigned: their work happens inside it. */
    void start(Context ctx) {
        if (registry.isNoop()) {
            return;
        }
        boolean trusted = clients.peerIsTrustedProxy(ctx);
        ReceiverContext<Context> request = new ReceiverContext<>((carrier, header) -> trusted ? carrier.header(header) : null,
                Kind.SERVER);
        request.setCarrier(ctx);
        Observation observation = Observation.createNotStarted(NAME, () -> request, registry)
                .lowCardinalityKeyValue("http.request.method", ctx.method().name());
        String requestId = RequestIds.of(ctx);
        if (requestId != null) {
            observation.highCardinalityKeyValue("invitekit.request_id", requestId);
        }
        ctx.attribute(ATTRIBUTE, observation.start().openScope());
    }

    /** Once the answer is written (from the request logger, after the request's log line). */
    void finish(Context ctx) {
        Observation.Scope scope = ctx.attribute(ATTRIBUTE);
        if (scope == null) {
            return;
        }
        ctx.attribute(ATTRIBUTE, null);
        Observation observation = scope.getCurrentObservation();
        String route = HttpMetrics.route(ctx);
        boolean matched = !HttpMetrics.UNMATCHED.equals(route);
        observation.contextualName(matched ? ctx.method().name() + " " + route : ctx.method().name())
                .lowCardinalityKeyValue("http.route", route)
                .lowCardinalityKeyValue("http.response.status_code", Integer.toString(ctx.status().getCode()));
        // A scope belongs to the thread that opened it; should Javalin ever finish a request on
        // another thread, that thread's scope is left alone and the observation still ends.
        if (registry.getCurrentObservationScope() == scope) {
            scope.close();
        }
        observation.stop();
    }
}
