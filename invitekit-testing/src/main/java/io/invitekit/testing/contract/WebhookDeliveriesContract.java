package io.invitekit.testing.contract;

import static io.invitekit.testing.contract.WebhookEndpointsContract.anEndpoint;
import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.port.out.WebhookPolicy;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.WebhookDeliveries;
import io.invitekit.application.port.out.WebhookDelivery;
import io.invitekit.application.port.out.WebhookEndpoint;
import io.invitekit.application.port.out.WebhookSender;
import io.invitekit.testing.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookDeliveries} must do: one fan-out delivery per (endpoint, event) without
 * aborting the transaction, replays beside it, leased claims of due deliveries of enabled
 * endpoints only (never one delivery to two claimers within a lease, however many race), attempts
 * recorded only by the lease holder, each endpoint's log newest first.
 *
 * <p>An implementer provides {@link #storage()}: the same instance throughout one test, empty when
 * each test starts.
 */
public abstract class WebhookDeliveriesContract {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final WebhookPolicy POLICY = WebhookPolicy.defaults();

    /** For a subclass, which provides the store under test. */
    public WebhookDeliveriesContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code webhookDeliveries()} this suite checks
     */
    protected abstract Storage storage();

    private WebhookDeliveries deliveries() {
        return storage().webhookDeliveries();
    }

    private WebhookEndpoint newEndpoint() {
        WebhookEndpoint endpoint = anEndpoint(null, Set.of());
        storage().webhookEndpoints().add(endpoint);
        return endpoint;
    }

    private static WebhookDelivery fanOut(WebhookEndpoint endpoint, UUID event, Instant at) {
        return WebhookDelivery.queued(nextId(), endpoint.id(), event, "tenant.created",
                "{\"type\":\"tenant.created\",\"data\":{\"note\":\"é \\\"q\\\"\"}}", true, at);
    }

    @Test
    void an_added_delivery_is_found_whole() {
        WebhookEndpoint endpoint = newEndpoint();
        WebhookDelivery delivery = fanOut(endpoint, nextId(), NOW);
        assertThat(deliveries().add(delivery)).isTrue();
        assertThat(deliveries().find(delivery.id()).orElseThrow()).isEqualTo(delivery);
        assertThat(deliveries().find(nextId())).isEmpty();
    }

    @Test
    void an_event_is_queued_once_per_endpoint_and_the_refusal_does_not_abort_the_transaction() {
        WebhookEndpoint endpoint = newEndpoint();
        WebhookEndpoint other = newEndpoint();
        UUID event = nextId();
        WebhookDelivery first = fanOut(endpoint, event, NOW);
        WebhookDelivery toOther = fanOut(other, event, NOW);
        boolean[] outcomes = new boolean[3];
        storage().transactions().run(() -> {
            outcomes[0] = deliveries().add(first);
            outcomes[1] = deliveries().add(fanOut(endpoint, event, NOW));
            outcomes[2] = deliveries().add(toOther);
        });
        assertThat(outcomes).containsExactly(true, false, true);
        assertThat(deliveries().listByEndpoint(endpoint.id(), null, 10)).containsExactly(first);
        assertThat(deliveries().find(toOther.id())).isPresent();

        // A replay of the same event is a delivery of its own.
        WebhookDelivery replay = first.replayed(nextId(), NOW.plusSeconds(1));
        assertThat(deliveries().add(replay)).isTrue();
        assertThat(deliveries().add(replay.replayed(nextId(), NOW.plusSeconds(2)))).isTrue();
        assertThat(deliveries().listByEndpoint(endpoint.id(), null, 10)).hasSize(3);
    }

    @Test
    void a_claim_takes_due_deliveries_earliest_first_and_leases_them() {
        WebhookEndpoint endpoint = newEndpoint();
        WebhookDelivery later = fanOut(endpoint, nextId(), NOW.plusSeconds(2));
        WebhookDelivery earlier = fanOut(endpoint, nextId(), NOW.plusSeconds(1));
        WebhookDelivery future = fanOut(endpoint, nextId(), NOW.plusSeconds(60));
        deliveries().add(later);
        deliveries().add(earlier);
        deliveries().add(future);

        Instant at = NOW.plusSeconds(10);
        assertThat(deliveries().claimDue("a", at, LEASE, 10)).containsExactly(earlier, later);
        assertThat(deliveries().claimDue("b", at.plusSeconds(1), LEASE, 10)).as("leased").isEmpty();
        assertThat(deliveries().claimDue("b", at.plus(LEASE), LEASE, 10)).as("leases ran out")
                .containsExactly(earlier, later, future);
        assertThat(deliveries().claimDue("c", at, LEASE, 0)).isEmpty();
    }

    @Test
    void only_the_lease_holder_records_an_attempt_which_releases_the_lease() {
        WebhookEndpoint endpoint = newEndpoint();
        WebhookDelivery delivery = fanOut(endpoint, nextId(), NOW);
        deliveries().add(delivery);
        deliveries().claimDue("a", NOW, LEASE, 10);

        WebhookDelivery retrying = delivery.afterAttempt(new WebhookSender.Result(503, Duration.ofMillis(40), null),
                NOW.plusSeconds(1), POLICY);
        assertThat(deliveries().recordAttempt(retrying, "b")).isFalse();
        assertThat(deliveries().find(delivery.id()).orElseThrow()).isEqualTo(delivery);
        assertThat(deliveries().recordAttempt(retrying, "a")).isTrue();
        assertThat(deliveries().find(delivery.id()).orElseThrow()).isEqualTo(retrying);
        assertThat(deliveries().recordAttempt(retrying, "a")).as("the lease is released").isFalse();

        // Due again at its next attempt time, for anyone.
        assertThat(deliveries().claimDue("b", retrying.nextAttemptAt().minusMillis(1), LEASE, 10)).isEmpty();
        assertThat(deliveries().claimDue("b", retrying.nextAttemptAt(), LEASE, 10)).containsExactly(retrying);
        WebhookDelivery done = retrying.afterAttempt(new WebhookSender.Result(200, Duration.ofMillis(9), null),
                retrying.nextAttemptAt(), POLICY);
        assertThat(deliveries().recordAttempt(done, "b")).isTrue();
        assertThat(deliveries().find(delivery.id()).orElseThrow()).isEqualTo(done);
        assertThat(deliveries().claimDue("c", NOW.plus(Duration.ofDays(30)), LEASE, 10)).as("final").isEmpty();
    }

    @Test
    void a_disabled_endpoints_deliveries_are_not_claimed() {
        WebhookEndpoint endpoint = newEndpoint();
        WebhookDelivery delivery = fanOut(endpoint, nextId(), NOW);
        deliveries().add(delivery);
        WebhookEndpoint off = storage().webhookEndpoints()
                .update(endpoint.changed(endpoint.url(), endpoint.eventTypes(), null, false, NOW)).orElseThrow();
        assertThat(deliveries().claimDue("a", NOW, LEASE, 10)).isEmpty();
        storage().webhookEndpoints().update(off.changed(off.url(), off.eventTypes(), null, true, NOW));
        assertThat(deliveries().claimDue("a", NOW, LEASE, 10)).containsExactly(delivery);
    }

    @Test
    void an_endpoints_log_is_newest_first_in_pages() {
        WebhookEndpoint endpoint = newEndpoint();
        WebhookEndpoint other = newEndpoint();
        List<WebhookDelivery> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WebhookDelivery d = fanOut(endpoint, nextId(), NOW);
            deliveries().add(d);
            made.add(d);
        }
        deliveries().add(fanOut(other, nextId(), NOW));
        assertThat(deliveries().listByEndpoint(endpoint.id(), null, 2)).containsExactly(made.get(2), made.get(1));
        assertThat(deliveries().listByEndpoint(endpoint.id(), made.get(1).id(), 2)).containsExactly(made.get(0));
    }

    @Test
    void racing_claimers_never_get_one_delivery_twice_within_a_lease() throws InterruptedException {
        WebhookEndpoint endpoint = newEndpoint();
        int count = 120;
        for (int i = 0; i < count; i++) {
            deliveries().add(fanOut(endpoint, nextId(), NOW));
        }
        int claimers = 6;
        List<Concurrently.Outcome<List<UUID>>> outcomes = Concurrently.run(claimers, index -> {
            List<UUID> mine = new ArrayList<>();
            String worker = "worker-" + index;
            while (true) {
                List<WebhookDelivery> batch = deliveries().claimDue(worker, NOW.plusSeconds(1), LEASE, 7);
                if (batch.isEmpty()) {
                    return mine;
                }
                for (WebhookDelivery d : batch) {
                    mine.add(d.id());
                    // What a sender does next: only the holder's attempt counts.
                    WebhookDelivery sent = d.afterAttempt(new WebhookSender.Result(200, Duration.ZERO, null),
                            NOW.plusSeconds(1), POLICY);
                    if (!deliveries().recordAttempt(sent, worker)) {
                        throw new AssertionError(worker + " lost the lease of " + d.id() + " within it");
                    }
                }
            }
        });
        List<UUID> all = new ArrayList<>();
        for (Concurrently.Outcome<List<UUID>> outcome : outcomes) {
            assertThat(outcome.failure()).isNull();
            all.addAll(outcome.value());
        }
        assertThat(all).hasSize(count);
        assertThat(new HashSet<>(all)).hasSize(count);
    }
}
