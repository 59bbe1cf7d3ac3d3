package io.invitekit.adapter.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * Registers Invitekit's handlers under its path, each with its own failure handling, so that
 * problem+json answers apply to Invitekit's routes and never to the host's (Javalin's exception
 * handlers are global by type). Paths are also registered with a trailing slash when the host's
 * router does not ignore trailing slashes itself.
 */
final class Routes {
    private final RoutesConfig routes;
    private final String prefix;
    private final Problems problems;
    private final boolean alsoWithSlash;

    Routes(RoutesConfig routes, String prefix, Problems problems, boolean alsoWithSlash) {
        this.routes = routes;
        this.prefix = prefix;
        this.problems = problems;
        this.alsoWithSlash = alsoWithSlash;
    }

    String prefix() {
        return prefix;
    }

    /**
     * A GET route, and HEAD on the same path through the same handler (the server drops the body):
     * a HEAD answers with the status and headers the GET would, so {@code HEAD /api/me} without a
     * token is 401 like its GET, rather than an empty 200.
     */
    void get(String path, Handler handler) {
        add(HandlerType.GET, path, handler);
        add(HandlerType.HEAD, path, handler);
    }

    void post(String path, Handler handler) {
        add(HandlerType.POST, path, handler);
    }

    void patch(String path, Handler handler) {
        add(HandlerType.PATCH, path, handler);
    }

    void put(String path, Handler handler) {
        add(HandlerType.PUT, path, handler);
    }

    void delete(String path, Handler handler) {
        add(HandlerType.DELETE, path, handler);
    }

    /** A before-handler: when it fails, its problem is the answer and nothing after it runs. */
    void before(String path, Handler handler) {
        routes.before(prefix + path, ctx -> {
            try {
                handler.handle(ctx);
            } catch (Exception failure) {
                problems.render(failure, ctx);
                ctx.skipRemainingHandlers();
            }
        });
    }

    private void add(HandlerType type, String path, Handler handler) {
        Handler guarded = ctx -> handle(handler, ctx);
        String full = prefix + path;
        routes.addHttpHandler(type, full.isEmpty() ? "/" : full, guarded);
        if (alsoWithSlash && !full.endsWith("/") && !full.isEmpty()) {
            routes.addHttpHandler(type, full + "/", guarded);
        }
    }

    private void handle(Handler handler, Context ctx) {
        try {
            handler.handle(ctx);
        } catch (Exception failure) {
            problems.render(failure, ctx);
        }
    }
}
