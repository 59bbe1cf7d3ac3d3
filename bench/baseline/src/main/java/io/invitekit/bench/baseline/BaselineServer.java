package io.invitekit.bench.baseline;

import io.javalin.Javalin;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmarks' baseline: Javalin 7 on the same Jetty and JVM flags as the Invitekit server,
 * answering JSON of about the size of an invitation preview, with nothing behind it (no
 * database, no authentication, no request log). Invitekit's figures are given as ratios to it.
 *
 * <p>{@code GET /json} writes a fixed-shape object; {@code POST /json} reads a JSON object and
 * answers 201 with it and an id, like a create call. Port from the first argument.
 */
public final class BaselineServer {
    private BaselineServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        AtomicLong ids = new AtomicLong();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/json", ctx -> ctx.json(preview()));
            config.routes.post("/json", ctx -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = ctx.bodyAsClass(Map.class);
                Map<String, Object> created = new LinkedHashMap<>(body);
                created.put("id", ids.incrementAndGet());
                created.put("created_at", Instant.now().toString());
                ctx.status(201).json(created);
            });
        });
        app.start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "baseline-shutdown"));
        System.out.println("baseline listening on " + app.port());
    }

    /** Shaped like Invitekit's invitation preview, so that both write as much JSON. */
    private static Map<String, Object> preview() {
        Map<String, Object> permissions = new LinkedHashMap<>();
        for (String name : new String[] {"can_manage_oauth_credentials", "can_accept_payments", "can_use_custom_domain",
                "can_white_label", "can_api_access"}) {
            permissions.put(name, false);
        }
        Map<String, Object> flags = new LinkedHashMap<>();
        for (String name : new String[] {"video_conferencing", "event_types", "calendars", "two_factor_auth", "audit_logs",
                "data_deletion", "point_of_sale", "mobile_app"}) {
            flags.put(name, false);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "owner@example.org");
        body.put("suggested_business_name", "Bright Bakery");
        body.put("subscription_tier", "PROFESSIONAL");
        body.put("max_users", 50);
        body.put("max_resources", 100);
        body.put("permissions", permissions);
        body.put("feature_flags", flags);
        body.put("reserved_subdomain", null);
        body.put("inviter_name", "Platform Admin");
        body.put("expires_at", Instant.now().toString());
        body.put("status", "PENDING");
        return body;
    }
}
