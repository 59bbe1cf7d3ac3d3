package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.aTenant;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.Event;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.WebhookDelivery;
import io.invitekit.application.port.out.WebhookEndpoint;
import io.invitekit.application.port.out.WebhookEndpoints;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookEndpoints} must do: keep an endpoint whole (its sealed secrets byte for
 * byte), update only at the expected version, list one scope newest first in pages, find the
 * endpoints an event goes to, delete an endpoint with its deliveries, keep nothing of a rollback.
 *
 * <p>An implementer provides {@link #storage()}: the same instance throughout one test, empty when
 * each test starts.
 */
public abstract class WebhookEndpointsContract {

    /** For a subclass, which provides the store under test. */
    public WebhookEndpointsContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code webhookEndpoints()} this suite checks
     */
    protected abstract Storage storage();

    private WebhookEndpoints endpoints() {
        return storage().webhookEndpoints();
    }

    private TenantId newTenant() {
        Tenant tenant = aTenant().plain().build();
        storage().tenants().add(tenant);
        return tenant.id();
    }

    /**
     * An endpoint of {@code tenant} (null: the platform's), enabled and ACTIVE, at version 0.
     *
     * @param tenant its tenant, or null
     * @param types the wire names it takes (empty: every type)
     * @return a new endpoint, not stored
     */
    public static WebhookEndpoint anEndpoint(TenantId tenant, Set<String> types) {
        return new WebhookEndpoint(nextId(), tenant, URI.create("https://hooks.example.org/in?k=1"), types, "billing",
                true, WebhookEndpoint.Health.ACTIVE, 0, null, new byte[] {1, 2, 3, 0, -1}, null, null, 0, NOW, NOW);
    }

    private static Event event(EventType type, TenantId tenant) {
        return new Event(nextId(), type, type.version(), NOW, null, tenant, null, Map.of());
    }

    @Test
    void an_added_endpoint_is_found_whole() {
        TenantId tenant = newTenant();
        WebhookEndpoint endpoint = anEndpoint(tenant, Set.of("membership.joined", "tenant.created"))
                .rotated(new byte[] {9, 8, 7}, NOW, Duration.ofHours(24));
        endpoints().add(endpoint);

        WebhookEndpoint found = endpoints().find(endpoint.id()).orElseThrow();
        assertThat(found).usingRecursiveComparison().isEqualTo(endpoint);
        assertThat(found.sealedSecret()).containsExactly(9, 8, 7);
        assertThat(found.previousSealedSecret()).containsExactly(1, 2, 3, 0, -1);
        assertThat(endpoints().find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void an_update_is_written_only_at_the_expected_version() {
        WebhookEndpoint endpoint = anEndpoint(null, Set.of());
        endpoints().add(endpoint);
        WebhookEndpoint changed = endpoint.changed(URI.create("https://other.example.org/"), Set.of("tenant.created"),
                null, false, NOW.plusSeconds(1));

        WebhookEndpoint written = endpoints().update(changed).orElseThrow();
        assertThat(written.version()).isEqualTo(1);
        assertThat(endpoints().find(endpoint.id()).orElseThrow()).usingRecursiveComparison().isEqualTo(written);

        // A second writer that read version 0 loses.
        assertThat(endpoints().update(endpoint.afterFailure(NOW, io.invitekit.application.port.out.WebhookPolicy.defaults())))
                .isEmpty();
        assertThat(endpoints().find(endpoint.id()).orElseThrow().url()).isEqualTo(URI.create("https://other.example.org/"));
        assertThat(endpoints().update(anEndpoint(null, Set.of()))).as("no such endpoint").isEmpty();
    }

    @Test
    void each_scope_lists_its_own_endpoints_newest_first_in_pages() {
        TenantId tenant = newTenant();
        WebhookEndpoint p1 = anEndpoint(null, Set.of());
        WebhookEndpoint t1 = anEndpoint(tenant, Set.of());
        WebhookEndpoint p2 = anEndpoint(null, Set.of());
        WebhookEndpoint p3 = anEndpoint(null, Set.of());
        for (WebhookEndpoint e : new WebhookEndpoint[] {p1, t1, p2, p3}) {
            endpoints().add(e);
        }
        assertThat(endpoints().list(null, null, 2)).extracting(WebhookEndpoint::id).containsExactly(p3.id(), p2.id());
        assertThat(endpoints().list(null, p2.id(), 2)).extracting(WebhookEndpoint::id).containsExactly(p1.id());
        assertThat(endpoints().list(tenant, null, 10)).extracting(WebhookEndpoint::id).containsExactly(t1.id());
        assertThat(endpoints().list(newTenant(), null, 10)).isEmpty();
    }

    @Test
    void an_event_matches_the_enabled_endpoints_of_its_scope_whose_filter_takes_it() {
        TenantId tenant = newTenant();
        TenantId other = newTenant();
        WebhookEndpoint platform = anEndpoint(null, Set.of());
        WebhookEndpoint own = anEndpoint(tenant, Set.of());
        WebhookEndpoint ownJoinsOnly = anEndpoint(tenant, Set.of("membership.joined"));
        WebhookEndpoint others = anEndpoint(other, Set.of());
        WebhookEndpoint off = anEndpoint(null, Set.of());
        for (WebhookEndpoint e : new WebhookEndpoint[] {platform, own, ownJoinsOnly, others, off}) {
            endpoints().add(e);
        }
        endpoints().update(off.changed(off.url(), off.eventTypes(), null, false, NOW));

        assertThat(endpoints().matching(event(EventType.MEMBERSHIP_JOINED, tenant))).extracting(WebhookEndpoint::id)
                .containsExactlyInAnyOrder(platform.id(), own.id(), ownJoinsOnly.id());
        assertThat(endpoints().matching(event(EventType.MEMBERSHIP_LEFT, tenant))).extracting(WebhookEndpoint::id)
                .containsExactlyInAnyOrder(platform.id(), own.id());
        assertThat(endpoints().matching(event(EventType.ACCOUNT_CREATED, null))).extracting(WebhookEndpoint::id)
                .containsExactly(platform.id());
    }

    @Test
    void deleting_an_endpoint_deletes_its_deliveries() {
        WebhookEndpoint endpoint = anEndpoint(null, Set.of());
        endpoints().add(endpoint);
        WebhookDelivery delivery = WebhookDelivery.queued(nextId(), endpoint.id(), nextId(), "tenant.created", "{}", true,
                NOW);
        storage().webhookDeliveries().add(delivery);

        assertThat(endpoints().delete(endpoint.id())).isTrue();
        assertThat(endpoints().find(endpoint.id())).isEmpty();
        assertThat(storage().webhookDeliveries().find(delivery.id())).isEmpty();
        assertThat(endpoints().delete(endpoint.id())).isFalse();
    }

    @Test
    void nothing_of_a_rolled_back_transaction_stays() {
        WebhookEndpoint kept = anEndpoint(null, Set.of());
        endpoints().add(kept);
        WebhookEndpoint added = anEndpoint(null, Set.of());
        assertThatThrownBy(() -> storage().transactions().run(() -> {
            endpoints().add(added);
            endpoints().update(kept.changed(kept.url(), Set.of("tenant.created"), null, true, NOW));
            throw new IllegalStateException("undo");
        })).hasMessage("undo");
        assertThat(endpoints().find(added.id())).isEmpty();
        assertThat(endpoints().find(kept.id()).orElseThrow().version()).isZero();
    }
}
