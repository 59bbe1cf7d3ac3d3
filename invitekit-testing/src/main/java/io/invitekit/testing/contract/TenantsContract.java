package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.aTenant;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Tenants} must do: keep a tenant whole (plan, limits, domain, contact), one
 * tenant per subdomain, switch it on and off, and list newest first a page at a time.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code tenants()} is
 * under test, the same instance throughout one test, and empty when each test starts.
 */
public abstract class TenantsContract {

    /** For a subclass, which provides the store under test. */
    public TenantsContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code tenants()} this suite checks
     */
    protected abstract Storage storage();

    private Tenants tenants() {
        return storage().tenants();
    }

    @Test
    void an_added_tenant_reads_back_equal_with_its_plan_limits_and_primary_domain() {
        Tenant rich = aTenant().build();
        Tenant plain = aTenant().plain().build();
        tenants().add(rich);
        tenants().add(plain);

        assertThat(tenants().byId(rich.id())).contains(rich);
        assertThat(tenants().byId(plain.id())).contains(plain);
        assertThat(tenants().byId(rich.id()).orElseThrow().domain()).isEqualTo(rich.subdomain().value() + ".invitekit.test");
        assertThat(tenants().byId(new TenantId(nextId()))).isEmpty();
    }

    @Test
    void a_second_tenant_on_a_subdomain_is_refused_as_taken() {
        Tenant first = aTenant().build();
        tenants().add(first);

        assertThatThrownBy(() -> tenants().add(aTenant().plain().subdomain(first.subdomain()).build()))
                .isInstanceOfSatisfying(SubdomainTakenException.class,
                        taken -> assertThat(taken.subdomain()).isEqualTo(first.subdomain()));
        assertThat(tenants().newest(10)).containsExactly(first);
    }

    @Test
    void by_ids_returns_the_tenants_that_exist_once_each() {
        Tenant a = aTenant().plain().build();
        Tenant b = aTenant().plain().build();
        tenants().add(a);
        tenants().add(b);

        assertThat(tenants().byIds(List.of(a.id(), b.id(), a.id(), new TenantId(nextId()))))
                .containsExactlyInAnyOrder(a, b);
        assertThat(tenants().byIds(List.of())).isEmpty();
    }

    @Test
    void update_switches_active_and_says_whether_the_tenant_exists() {
        Tenant tenant = aTenant().build();
        tenants().add(tenant);

        assertThat(tenants().update(tenant.deactivate())).isTrue();
        assertThat(tenants().byId(tenant.id())).contains(tenant.deactivate());
        assertThat(tenants().update(tenant.activate())).isTrue();
        assertThat(tenants().byId(tenant.id()).orElseThrow().active()).isTrue();
        assertThat(tenants().update(aTenant().plain().build())).isFalse();
    }

    @Test
    void the_list_is_newest_first_pages_after_a_cursor_and_filters_on_active() {
        List<Tenant> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Tenant tenant = aTenant().plain().build();
            tenants().add(tenant);
            if (i % 2 == 1) {
                tenant = tenant.deactivate();
                tenants().update(tenant);
            }
            newestFirst.add(0, tenant);
        }

        assertThat(tenants().newest(3)).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(tenants().list(null, newestFirst.get(2).id().value(), 3)).containsExactlyElementsOf(newestFirst.subList(3, 5));
        assertThat(tenants().list(true, null, 10)).containsExactly(newestFirst.get(0), newestFirst.get(2), newestFirst.get(4));
        assertThat(tenants().list(false, null, 10)).containsExactly(newestFirst.get(1), newestFirst.get(3));
        assertThat(tenants().list(true, newestFirst.get(0).id().value(), 1)).containsExactly(newestFirst.get(2));
        assertThat(tenants().list(false, newestFirst.get(1).id().value(), 5)).containsExactly(newestFirst.get(3));
    }
}
