package io.invitekit.adapter.http;

import io.invitekit.application.Invitekit;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Consumer;

/**
 * The bundled server's Javalin application: {@link InvitekitPlugin} at the root with Invitekit's
 * own accounts, its pages and its operations routes. A host application registers the plugin in
 * its own Javalin instead.
 */
public final class InvitekitHttp {
    private InvitekitHttp() {
    }

    /**
     * @param registry where request timers and counters go ({@code /metrics} scrapes it)
     * @param extra    more configuration: Jetty settings, more routes, … (may do nothing)
     */
    public static Javalin create(Invitekit kit, HttpSettings settings, PrometheusMeterRegistry registry,
                                 Consumer<JavalinConfig> extra) {
        return create(kit, settings, registry, ObservationRegistry.NOOP, extra);
    }

    /**
     * @param observations where each request's observation goes (a server span when the server
     *                     traces); {@link ObservationRegistry#NOOP} for none
     */
    public static Javalin create(Invitekit kit, HttpSettings settings, PrometheusMeterRegistry registry,
                                 ObservationRegistry observations, Consumer<JavalinConfig> extra) {
        if (!kit.hasAccounts()) {
            throw new IllegalArgumentException("the bundled server needs Invitekit's own accounts (a passwordHasher)");
        }
        return Javalin.create(config -> {
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.router.ignoreTrailingSlashes = true;
            config.router.treatMultipleSlashesAsSingleSlash = true;
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new InvitekitPlugin(kit, invitekit -> {
                invitekit.path = "";
                invitekit.settings = settings;
                invitekit.registry = registry;
                invitekit.observations = observations;
                invitekit.pages = true;
                invitekit.operations = true;
            }));
            extra.accept(config);
        });
    }
}
