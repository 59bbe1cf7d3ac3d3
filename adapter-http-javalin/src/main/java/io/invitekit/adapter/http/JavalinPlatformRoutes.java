package io.invitekit.adapter.http;

import io.invitekit.adapter.http.dto.PlatformPayloads.PlatformInfoResponse;
import io.invitekit.application.Invitekit;

/**
 * {@code GET /api/platform/info}: the platform as anyone may see it, signed in or not. The one API
 * answer that caches: it holds no secret and changes only when the deployment restarts with other
 * settings.
 */
final class JavalinPlatformRoutes {
    /** Browsers and proxies may keep it five minutes; a changed setting shows within that. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final Invitekit kit;

    JavalinPlatformRoutes(Invitekit kit) {
        this.kit = kit;
    }

    void register(Routes routes) {
        routes.get("/api/platform/info", ctx -> {
            Json.reply(ctx, PlatformInfoResponse.of(kit.platform().info()));
            ctx.header("Cache-Control", CACHE_CONTROL);
            ctx.res().setHeader("Pragma", null); // the API's no-store default, set before, does not apply here
        });
    }
}
