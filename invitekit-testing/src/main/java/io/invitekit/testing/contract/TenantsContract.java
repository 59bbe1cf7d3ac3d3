package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.aTenant;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static io.invitekit.testing.fixtures.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.PrefixSearch;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.tenant.SubdomainTakenException;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    // ---------------------------------------------------------------- prefix search

    private List<Tenant> search(Boolean active, String prefix, PrefixSearch.Position after, int limit) {
        return tenants().search(active, new PrefixSearch(PrefixSearch.key(prefix), after, limit)).stream()
                .map(PrefixSearch.Found::item).toList();
    }

    @Test
    void search_finds_a_name_or_contact_email_prefix_in_any_case_each_tenant_once() {
        String word = unique("Srch").replace("-", "");
        Tenant byName = aTenant().plain().name(Name.of(word + " Bakery")).build();
        Tenant byContact = aTenant().plain().contactEmail(EmailAddress.of(word.toLowerCase(Locale.ROOT) + "@example.org"))
                .build();
        Tenant byBoth = aTenant().plain().name(Name.of(word.toUpperCase(Locale.ROOT) + " Both"))
                .contactEmail(EmailAddress.of(word + ".both@example.org")).build();
        Tenant inTheMiddle = aTenant().plain().name(Name.of("The " + word)).build();
        for (Tenant each : List.of(byName, byContact, byBoth, inTheMiddle)) {
            tenants().add(each);
        }

        List<PrefixSearch.Found<Tenant>> found = tenants().search(null,
                new PrefixSearch(PrefixSearch.key(word.toUpperCase(Locale.ROOT)), null, 10));

        assertThat(found).extracting(PrefixSearch.Found::item).containsExactlyInAnyOrder(byName, byContact, byBoth);
        assertThat(found).as("found by its name, before the contact email")
                .filteredOn(f -> f.item().equals(byBoth)).extracting(PrefixSearch.Found::key)
                .containsExactly(PrefixSearch.key(byBoth.name().value()));
        assertThat(found).extracting(PrefixSearch.Found::key).isSorted();
        assertThat(search(null, word + " bakery", null, 10)).containsExactly(byName);
        assertThat(search(null, word + "x", null, 10)).isEmpty();
        assertThat(search(null, "zz" + word, null, 10)).isEmpty();
    }

    @Test
    void search_pages_by_key_then_id_after_a_cursor_and_filters_by_active() {
        String word = unique("page").replace("-", "");
        List<Tenant> added = new ArrayList<>();
        for (String suffix : List.of("d", "a", "c", "b", "a")) {
            Tenant tenant = aTenant().plain().name(Name.of(word + suffix)).build();
            tenants().add(tenant);
            added.add(tenant);
        }
        Tenant off = added.get(2).deactivate();
        assertThat(tenants().update(off)).isTrue();
        // by key: the two "a" (older id first), then b, c, d
        List<Tenant> expected = List.of(added.get(1), added.get(4), added.get(3), off, added.get(0));

        List<PrefixSearch.Found<Tenant>> first = tenants().search(null, new PrefixSearch(word, null, 2));
        PrefixSearch.Found<Tenant> end = first.get(1);
        List<Tenant> second = search(null, word, new PrefixSearch.Position(end.key(), end.item().id().value()), 2);
        List<PrefixSearch.Found<Tenant>> secondFound = tenants().search(null, new PrefixSearch(word,
                new PrefixSearch.Position(end.key(), end.item().id().value()), 2));
        PrefixSearch.Found<Tenant> end2 = secondFound.get(1);
        List<Tenant> last = search(null, word, new PrefixSearch.Position(end2.key(), end2.item().id().value()), 2);

        assertThat(first).extracting(PrefixSearch.Found::item).containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(second).containsExactlyElementsOf(expected.subList(2, 4));
        assertThat(last).containsExactly(expected.get(4));
        assertThat(search(true, word, null, 10)).doesNotContain(off).hasSize(4);
        assertThat(search(false, word, null, 10)).containsExactly(off);
    }
}
