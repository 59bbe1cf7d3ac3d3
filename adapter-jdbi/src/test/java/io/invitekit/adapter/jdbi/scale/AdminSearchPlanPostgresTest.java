package io.invitekit.adapter.jdbi.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.jdbi.internal.InvitationListQuery;
import io.invitekit.adapter.jdbi.internal.PrefixSearchQuery;
import io.invitekit.adapter.jdbi.internal.TenantRow;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.PrefixSearch;
import io.invitekit.application.port.out.TenantInvitations.InvitationFilter;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.tenant.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin lists' prefix search on PostgreSQL with enough rows that a scan would show: each
 * branch of the search walks its key index (V14) as a range, before and after a cursor, so a page
 * costs the same however many rows the tables hold; and the keys are in the "C" collation, under
 * which a btree range serves a prefix whatever the database's own collation is.
 */
class AdminSearchPlanPostgresTest {
    private static final int TENANTS = 100_000;
    private static final int INVITATIONS = 200_000;
    private static final Instant NOW = Instant.ofEpochSecond(1_900_000_000L);

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres().keepingRowsBetweenTests().allowingLongStatements();

    @BeforeAll
    static void load() {
        DATABASE.jdbi().useTransaction(handle -> {
            handle.execute("SET LOCAL synchronous_commit = off");
            handle.execute("""
                    INSERT INTO invitekit_tenants (id, name, subdomain, tier, permissions, feature_flags, active,
                        contact_email, created_at)
                    SELECT CAST(lpad(to_hex(1800000000000 + g * 1000), 12, '0') || '7' || lpad(to_hex(mod(g, 4096)), 3, '0')
                                || '8' || substr(md5(g::text), 1, 15) AS uuid),
                           'Business ' || md5(g::text), 'sub' || g, 'BASIC', '', '', mod(g, 7) <> 0,
                           'owner' || g || '@scale.test', to_timestamp(1800000000 + g)
                    FROM generate_series(1, %d) AS g""".formatted(TENANTS));
            handle.execute("""
                    INSERT INTO invitekit_tenant_domains (domain_name, tenant_id, primary_of, created_at)
                    SELECT subdomain || '.scale.test', id, id, created_at FROM invitekit_tenants""");
            handle.execute("""
                    INSERT INTO invitekit_tenant_invitations (id, email, pending_email, lapses_at, suggested_business_name,
                        tier, permissions, feature_flags, invited_by, token_digest, status, ttl_days, created_at, expires_at,
                        resend_count, last_sent_at, version)
                    SELECT CAST(lpad(to_hex(1800000000000 + g * 1000), 12, '0') || '7' || lpad(to_hex(mod(g, 4096)), 3, '0')
                                || '8' || substr(md5(g::text), 1, 15) AS uuid),
                           'user' || g || '@scale.test', 'user' || g || '@scale.test',
                           to_timestamp(1900000000 + g), 'Shop ' || md5(g::text), 'BASIC', '', '',
                           CAST('018f0000-0000-7000-8000-000000000001' AS uuid),
                           encode(sha256(CAST(CAST(g AS text) AS bytea)), 'hex'), 'PENDING', 7,
                           to_timestamp(1800000000 + g), to_timestamp(1900000000 + g), 0, to_timestamp(1800000000 + g), 1
                    FROM generate_series(1, %d) AS g""".formatted(INVITATIONS));
        });
        DATABASE.jdbi().useHandle(handle -> {
            handle.execute("ANALYZE invitekit_tenants");
            handle.execute("ANALYZE invitekit_tenant_domains");
            handle.execute("ANALYZE invitekit_tenant_invitations");
        });
    }

    @Test
    void the_search_keys_are_kept_in_the_c_collation() {
        List<String> collations = DATABASE.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT table_name || '.' || column_name || '=' || coalesce(collation_name, '-') "
                                + "FROM information_schema.columns WHERE table_schema = current_schema() "
                                + "AND column_name IN ('name_key', 'contact_key', 'email_key', 'business_key') ORDER BY 1")
                .mapTo(String.class).list());

        assertThat(collations).containsExactly("invitekit_tenant_invitations.business_key=C",
                "invitekit_tenant_invitations.email_key=C", "invitekit_tenants.contact_key=C",
                "invitekit_tenants.name_key=C");
    }

    @Test
    void a_tenant_search_walks_the_name_and_contact_key_indexes_before_and_after_a_cursor() {
        PrefixSearch first = new PrefixSearch("business 1", null, 51);
        List<PrefixSearch.Found<Tenant>> page = DATABASE.storage().tenants().search(null, first);
        assertThat(page).hasSize(51).allSatisfy(f -> assertThat(f.key()).startsWith("business 1"));
        PrefixSearch.Found<Tenant> last = page.get(50);
        PrefixSearch next = new PrefixSearch("business 1", new PrefixSearch.Position(last.key(), last.item().id().value()), 51);

        for (PrefixSearch search : List.of(first, next, new PrefixSearch("owner12", null, 51))) {
            for (Boolean active : java.util.Arrays.asList(null, true)) {
                String plan = plan(PrefixSearchQuery.of(TenantRow.COLUMNS, TenantRow.FROM, "t",
                        List.of("name_key", "contact_key"), active == null ? "" : "t.active = :active",
                        active == null ? Map.of() : Map.of("active", active), search));
                assertThat(plan).contains("ix_tenants_name_key").contains("ix_tenants_contact_key")
                        .doesNotContain("Seq Scan on invitekit_tenants ").as("no sort: the indexes give the order")
                        .doesNotContain("Sort  (cost");
            }
        }
    }

    @Test
    void an_invitation_search_walks_the_email_and_business_key_indexes_with_and_without_a_status() {
        InvitationFilter all = InvitationFilter.all(NOW);
        PrefixSearch first = new PrefixSearch("user12", null, 51);
        List<PrefixSearch.Found<TenantInvitation>> page = DATABASE.storage().invitations().search(all, first);
        assertThat(page).hasSize(51).allSatisfy(f -> assertThat(f.key()).startsWith("user12"));
        PrefixSearch.Found<TenantInvitation> last = page.get(50);
        PrefixSearch next = new PrefixSearch("user12", new PrefixSearch.Position(last.key(), last.item().id().value()), 51);

        for (PrefixSearch search : List.of(first, next, new PrefixSearch("shop a", null, 51))) {
            for (InvitationFilter filter : List.of(all, new InvitationFilter(InvitationStatus.PENDING, null, NOW))) {
                String plan = plan(InvitationListQuery.search(filter, search));
                assertThat(plan).contains("ix_tenant_invitations_email_key").contains("ix_tenant_invitations_business_key")
                        .doesNotContain("Seq Scan on invitekit_tenant_invitations ").doesNotContain("Sort  (cost");
            }
        }
    }

    private static String plan(PrefixSearchQuery query) {
        String plan = DATABASE.jdbi().withHandle(handle -> handle.createQuery("EXPLAIN " + query.sql())
                .bindMap(query.parameters())
                .mapTo(String.class)
                .list()
                .stream()
                .collect(Collectors.joining("\n")));
        System.out.printf("[scale] plan of a prefix search:%n%s%n", plan.indent(4).stripTrailing());
        return plan;
    }

}
