package io.invitekit.adapter.jdbi.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.adapter.jdbi.internal.HotReads;
import io.invitekit.adapter.jdbi.internal.InvitationListQuery;
import io.invitekit.adapter.jdbi.internal.InvitationSql;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.TenantInvitations.InvitationFilter;
import io.invitekit.domain.invitation.InvitationStatus;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.EmailAddress;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A million invitations on PostgreSQL: every list shape, the digest lookup and the sweeper's pick
 * must walk an index, so their cost stays flat as the table grows. Timings are printed, not
 * asserted (they depend on the machine).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvitationScalePostgresTest {
    private static final int ROWS = 1_000_000;
    /** Row g was created at BASE + g seconds; every 10th row is stored PENDING with a 7-day expiry. */
    private static final Instant BASE = Instant.ofEpochMilli(1_800_000_000_000L);
    private static final Instant NOW = BASE.plusSeconds(ROWS).plus(Duration.ofDays(1));
    private static final String TABLE = "invitekit_tenant_invitations";

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres().keepingRowsBetweenTests().allowingLongStatements();

    @BeforeAll
    static void load() {
        long started = System.nanoTime();
        DATABASE.jdbi().useTransaction(handle -> {
            handle.execute("SET LOCAL synchronous_commit = off");
            handle.execute("""
                    INSERT INTO invitekit_tenant_invitations (id, email, pending_email, lapses_at, tier, permissions, feature_flags,
                        invited_by, token_digest, status, ttl_days, created_at, expires_at, accepted_at, cancelled_at,
                        resend_count, last_sent_at, version)
                    SELECT CAST(lpad(to_hex(1800000000000 + g * 1000), 12, '0') || '7' || lpad(to_hex(g % 4096), 3, '0')
                                || '8' || substr(md5(g::text), 1, 15) AS uuid),
                           'user' || g || '@scale.test',
                           CASE WHEN g % 10 = 0 THEN 'user' || g || '@scale.test' END,
                           CASE WHEN g % 10 = 0 THEN to_timestamp(1800000000 + g) + interval '7 days' END,
                           'PROFESSIONAL', 'can_api_access', 'calendars',
                           CAST('018f0000-0000-7000-8000-000000000001' AS uuid),
                           encode(sha256(CAST(CAST(g AS text) AS bytea)), 'hex'),
                           CASE g % 10 WHEN 0 THEN 'PENDING' WHEN 1 THEN 'EXPIRED' WHEN 2 THEN 'CANCELLED' ELSE 'ACCEPTED' END,
                           7,
                           to_timestamp(1800000000 + g),
                           to_timestamp(1800000000 + g) + interval '7 days',
                           CASE WHEN g % 10 >= 3 THEN to_timestamp(1800000000 + g) + interval '1 hour' END,
                           CASE WHEN g % 10 = 2 THEN to_timestamp(1800000000 + g) + interval '1 hour' END,
                           0, to_timestamp(1800000000 + g), 1
                    FROM generate_series(1, 1000000) AS g""");
        });
        long loaded = System.nanoTime();
        DATABASE.jdbi().useHandle(handle -> handle.execute("ANALYZE invitekit_tenant_invitations"));
        System.out.printf("[scale] loaded %,d invitations in %d ms (one INSERT ... SELECT FROM generate_series), "
                + "ANALYZE %d ms%n", ROWS, millis(started, loaded), millis(loaded, System.nanoTime()));
        assertThat(DATABASE.count("SELECT count(*) FROM invitekit_tenant_invitations")).isEqualTo(ROWS);
    }

    @Test
    @Order(1)
    void the_first_and_a_later_page_walk_the_primary_key_backwards() {
        InvitationFilter all = InvitationFilter.all(NOW);
        List<TenantInvitation> first = timedPage("list page 1", all, null);
        List<TenantInvitation> second = timedPage("list page 2", all, first.get(first.size() - 1).id().value());

        assertThat(first).hasSize(51);
        assertThat(first.get(0).email().value()).isEqualTo("user1000000@scale.test");
        assertThat(second.get(0).email().value()).isEqualTo("user999949@scale.test");
        assertUsesIndex("list page", InvitationListQuery.of(all, first.get(50).id().value(), 51));
    }

    @Test
    @Order(2)
    void every_status_filter_walks_an_index() {
        for (InvitationStatus status : InvitationStatus.values()) {
            InvitationFilter filter = new InvitationFilter(status, null, NOW);
            List<TenantInvitation> page = timedPage("status " + status, filter, null);

            assertThat(page).hasSize(51).allSatisfy(inv -> assertThat(inv.status(NOW)).isEqualTo(status));
            assertUsesIndex("status " + status, InvitationListQuery.of(filter, null, 51));
            assertUsesIndex("status " + status + " after a cursor", InvitationListQuery.of(filter, page.get(50).id().value(), 51));
        }
    }

    @Test
    @Order(3)
    void the_email_filter_walks_its_index() {
        EmailAddress email = EmailAddress.of("user424242@scale.test");
        InvitationFilter filter = new InvitationFilter(null, email, NOW);

        assertThat(timedPage("email filter", filter, null)).singleElement()
                .satisfies(inv -> assertThat(inv.email()).isEqualTo(email));
        assertUsesIndex("email filter", InvitationListQuery.of(filter, null, 51));
    }

    @Test
    @Order(4)
    void the_lookup_by_token_digest_uses_its_unique_index() throws Exception {
        String digest = DATABASE.jdbi().withHandle(h -> h.createQuery(
                "SELECT encode(sha256(CAST('777777' AS bytea)), 'hex')").mapTo(String.class).one());
        long started = System.nanoTime();
        TenantInvitation found = DATABASE.storage().invitations().byTokenDigest(new TokenDigest(digest)).orElseThrow();
        long cold = System.nanoTime();
        DATABASE.storage().invitations().byTokenDigest(new TokenDigest(digest)).orElseThrow();
        System.out.printf("[scale] lookup by digest: %.2f ms first call, %.2f ms again%n", (cold - started) / 1e6,
                (System.nanoTime() - cold) / 1e6);

        assertThat(found.email().value()).isEqualTo("user777777@scale.test");
        String sql = HotReads.INVITATION_BY_TOKEN.replace("?", ":digest"); // what byTokenDigest runs
        assertUsesIndex("digest lookup", new InvitationListQuery(sql, Map.of("digest", digest)));
    }

    @Test
    @Order(5)
    void the_sweeper_expires_one_bounded_batch_per_call_through_an_index() throws Exception {
        TenantInvitations invitations = DATABASE.storage().invitations();
        String lapsedPending = "SELECT count(*) FROM invitekit_tenant_invitations WHERE status = 'PENDING' AND expires_at <= ?";
        long dueBefore = DATABASE.count(lapsedPending, NOW);
        long expiredBefore = DATABASE.count("SELECT count(*) FROM invitekit_tenant_invitations WHERE status = 'EXPIRED'");
        assertThat(dueBefore).isGreaterThan(10_000);

        long started = System.nanoTime();
        int first = invitations.expireDue(NOW, 1000).size();
        long firstMs = millis(started, System.nanoTime());
        started = System.nanoTime();
        int second = invitations.expireDue(NOW, 1000).size();
        System.out.printf("[scale] sweeper: %d expired in %d ms, then %d in %d ms (batch limit 1000; %,d were due)%n",
                first, firstMs, second, millis(started, System.nanoTime()), dueBefore);

        assertThat(first).isEqualTo(1000);
        assertThat(second).isEqualTo(1000);
        assertThat(DATABASE.count(lapsedPending, NOW)).isEqualTo(dueBefore - 2000);
        assertThat(DATABASE.count("SELECT count(*) FROM invitekit_tenant_invitations WHERE status = 'EXPIRED'"))
                .isEqualTo(expiredBefore + 2000);
        String sql = InvitationSql.class.getMethod("dueForExpiry", Instant.class, int.class)
                .getAnnotation(SqlQuery.class).value();
        assertUsesIndex("sweeper pick", new InvitationListQuery(sql, Map.of("now", NOW, "limit", 1000)));
    }

    @Test
    @Order(6)
    void once_the_sweeper_has_caught_up_the_expired_filter_is_as_cheap_as_the_others() {
        TenantInvitations invitations = DATABASE.storage().invitations();
        long started = System.nanoTime();
        int batches = 0;
        int swept = 0;
        for (int batch = invitations.expireDue(NOW, 1000).size(); batch > 0; batch = invitations.expireDue(NOW, 1000).size()) {
            assertThat(batch).isLessThanOrEqualTo(1000);
            batches++;
            swept += batch;
        }
        System.out.printf("[scale] sweeper caught up: %,d more expired in %d batches, %d ms%n", swept, batches,
                millis(started, System.nanoTime()));
        DATABASE.jdbi().useHandle(handle -> handle.execute("ANALYZE invitekit_tenant_invitations"));
        assertThat(DATABASE.count("SELECT count(*) FROM invitekit_tenant_invitations WHERE lapses_at <= ?", NOW)).isZero();

        InvitationFilter expired = new InvitationFilter(InvitationStatus.EXPIRED, null, NOW);
        assertThat(timedPage("status EXPIRED, sweeper caught up", expired, null)).hasSize(51)
                .allSatisfy(inv -> assertThat(inv.storedStatus()).isEqualTo(InvitationStatus.EXPIRED));
        assertUsesIndex("status EXPIRED, sweeper caught up", InvitationListQuery.of(expired, null, 51));
        InvitationFilter pending = new InvitationFilter(InvitationStatus.PENDING, null, NOW);
        assertThat(timedPage("status PENDING, sweeper caught up", pending, null)).hasSize(51);
    }

    @Test
    @Order(7)
    void releasing_the_reservations_of_a_sweep_batch_reads_only_the_claims() throws Exception {
        // With ~900k EXPIRED rows, a release that joined back to the invitations by status could
        // scan them all for every batch of the sweeper.
        String sql = InvitationSql.class.getMethod("releaseLapsedReservations", List.class, Instant.class)
                .getAnnotation(SqlUpdate.class).value()
                .replace("<ids>", "CAST('018f0000-0000-7000-8000-000000000001' AS uuid), "
                        + "CAST('018f0000-0000-7000-8000-000000000002' AS uuid)");
        String plan = DATABASE.jdbi().withHandle(handle -> handle.createQuery("EXPLAIN " + sql).bind("now", NOW)
                .mapTo(String.class).list().stream().collect(Collectors.joining("\n")));
        System.out.printf("[scale] plan of releasing a batch's reservations:%n%s%n", plan.indent(4).stripTrailing());
        assertThat(plan).contains("subdomain_claims").doesNotContain(TABLE);
    }

    private static List<TenantInvitation> timedPage(String what, InvitationFilter filter, UUID after) {
        long started = System.nanoTime();
        List<TenantInvitation> page = DATABASE.storage().invitations().list(filter, after, 51);
        long cold = System.nanoTime();
        DATABASE.storage().invitations().list(filter, after, 51);
        System.out.printf("[scale] %s (up to 51 rows): %.2f ms first call, %.2f ms again%n", what, (cold - started) / 1e6,
                (System.nanoTime() - cold) / 1e6);
        return page;
    }

    private static void assertUsesIndex(String what, InvitationListQuery query) {
        String plan = DATABASE.jdbi().withHandle(handle -> handle.createQuery("EXPLAIN " + query.sql())
                .bindMap(query.parameters())
                .mapTo(String.class)
                .list()
                .stream()
                .collect(Collectors.joining("\n")));
        System.out.printf("[scale] plan of %s:%n%s%n", what, plan.indent(4).stripTrailing());
        assertThat(plan).as(what).doesNotContain("Seq Scan on " + TABLE).containsPattern("Index (Only )?Scan");
    }

    private static long millis(long fromNanos, long toNanos) {
        return Duration.ofNanos(toNanos - fromNanos).toMillis();
    }
}
