package io.invitekit.bootstrap;

import io.invitekit.application.port.out.BusinessMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * The application's business counters as Micrometer counters, for {@code /metrics}. Pass it to
 * {@code Invitekit.builder().businessMetrics(…)} and the same registry to the HTTP adapter
 * ({@code InvitekitPlugin.Config.registry}), which adds the pending-invitations gauge. It lives in
 * the composition root, not in the HTTP adapter: a driving adapter implements no outbound port
 * (ArchitectureRules). Tags are
 * the application's fixed kind and outcome names, never user data: their number is bounded.
 * Each node counts what it did; the scraper sums the nodes.
 */
public final class MicrometerBusinessMetrics implements BusinessMetrics {
    private final MeterRegistry registry;

    public MicrometerBusinessMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void invitation(String kind, String outcome) {
        Counter.builder("invitekit_invitations").description("invitations created, accepted, expired and cancelled")
                .tag("kind", kind).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void join(String outcome) {
        Counter.builder("invitekit_joins").description("joins with a code, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void email(String kind, String outcome) {
        Counter.builder("invitekit_emails").description("email attempts recorded, by mail kind and outcome")
                .tag("kind", kind).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void webhookDelivery(String outcome) {
        Counter.builder("invitekit_webhook_deliveries").description("webhook delivery attempts recorded, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
