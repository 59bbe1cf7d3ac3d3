package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.AuditFilter;
import io.invitekit.application.port.out.AuditLog;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} (the event log) must do: keep what a committed transaction recorded
 * and nothing of a rolled-back one; list newest first with filters and keyset pages; lease
 * undispatched entries oldest first so that no two claimers hold one entry at once, however many
 * claim together; and never hand out an entry recorded dispatched.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code auditLog()} is
 * under test (rollbacks go through its {@code transactions()}), the same instance throughout one
 * test, and empty when each test starts.
 */
public abstract class AuditLogContract {
    private static final Duration LEASE = Duration.ofMinutes(1);

    /** For a subclass, which provides the store under test. */
    public AuditLogContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code auditLog()} this suite checks
     */
    protected abstract Storage storage();

    private AuditLog log() {
        return storage().auditLog();
    }

    private static AuditEvent event(EventType type, Instant at, UserId actor, TenantId tenant) {
        return new AuditEvent(nextId(), at, actor, type, tenant, "subject-" + type.wireName(), Map.of("k", "v"));
    }

    private List<AuditEvent> recordSome(int count) {
        List<AuditEvent> recorded = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AuditEvent event = event(EventType.TENANT_CREATED, NOW.plusSeconds(i), null, null);
            log().record(event);
            recorded.add(event);
        }
        return recorded;
    }

    private static List<UUID> ids(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::id).toList();
    }

    private static List<UUID> claimedIds(List<AuditLog.Claimed> claimed) {
        return claimed.stream().map(c -> c.event().id()).toList();
    }

    @Test
    void an_event_is_listed_whole_as_recorded_even_one_of_a_type_this_release_does_not_know() {
        UserId actor = new UserId(nextId());
        TenantId tenant = new TenantId(nextId());
        AuditEvent known = new AuditEvent(nextId(), NOW, actor, EventType.MEMBERSHIP_JOINED, tenant, "user-1",
                Map.of("via", "join_code", "odd", "a&b=c ü 100%"));
        AuditEvent unknown = new AuditEvent(nextId(), NOW.plusSeconds(1), null, "gizmo.frobbed", 3, null, null, Map.of());
        log().record(known);
        log().record(unknown);

        List<AuditEvent> listed = log().list(AuditFilter.all(), null, 10);

        assertThat(listed).containsExactly(unknown, known);
        assertThat(listed.get(0).type()).isEmpty();
        assertThat(listed.get(0).version()).isEqualTo(3);
        assertThat(listed.get(1).type()).contains(EventType.MEMBERSHIP_JOINED);
        assertThat(listed.get(1).version()).isEqualTo(EventType.MEMBERSHIP_JOINED.version());
    }

    @Test
    void the_list_filters_by_tenant_type_actor_and_time_range() {
        UserId alice = new UserId(nextId());
        UserId bob = new UserId(nextId());
        TenantId acme = new TenantId(nextId());
        TenantId other = new TenantId(nextId());
        AuditEvent created = event(EventType.TENANT_CREATED, NOW, alice, acme);
        AuditEvent joined = event(EventType.MEMBERSHIP_JOINED, NOW.plusSeconds(10), bob, acme);
        AuditEvent elsewhere = event(EventType.MEMBERSHIP_JOINED, NOW.plusSeconds(20), bob, other);
        AuditEvent platform = event(EventType.ACCOUNT_CREATED, NOW.plusSeconds(30), alice, null);
        for (AuditEvent e : List.of(created, joined, elsewhere, platform)) {
            log().record(e);
        }

        assertThat(log().list(AuditFilter.all(), null, 10)).containsExactly(platform, elsewhere, joined, created);
        assertThat(log().list(new AuditFilter(acme, Set.of(), null, null, null), null, 10))
                .containsExactly(joined, created);
        assertThat(log().list(new AuditFilter(null, Set.of(EventType.MEMBERSHIP_JOINED, EventType.ACCOUNT_CREATED),
                null, null, null), null, 10)).containsExactly(platform, elsewhere, joined);
        assertThat(log().list(new AuditFilter(acme, Set.of(EventType.MEMBERSHIP_JOINED), null, null, null), null, 10))
                .containsExactly(joined);
        assertThat(log().list(new AuditFilter(null, Set.of(), alice, null, null), null, 10))
                .containsExactly(platform, created);
        // from is inclusive, to exclusive
        assertThat(log().list(new AuditFilter(null, Set.of(), null, NOW.plusSeconds(10), NOW.plusSeconds(30)), null, 10))
                .containsExactly(elsewhere, joined);
        assertThat(log().list(new AuditFilter(other, Set.of(EventType.TENANT_CREATED), null, null, null), null, 10))
                .isEmpty();
    }

    @Test
    void pages_follow_one_another_by_id_without_gaps_or_repeats() {
        List<AuditEvent> recorded = recordSome(7);
        List<UUID> newestFirst = new ArrayList<>(ids(recorded));
        java.util.Collections.reverse(newestFirst);

        List<UUID> seen = new ArrayList<>();
        UUID after = null;
        for (int page = 0; page < 10; page++) {
            List<AuditEvent> got = log().list(AuditFilter.all(), after, 3);
            if (got.isEmpty()) {
                break;
            }
            assertThat(got).hasSizeLessThanOrEqualTo(3);
            seen.addAll(ids(got));
            after = got.get(got.size() - 1).id();
        }

        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(log().list(AuditFilter.all(), newestFirst.get(2), 2)).extracting(AuditEvent::id)
                .containsExactly(newestFirst.get(3), newestFirst.get(4));
    }

    @Test
    void nothing_of_a_rolled_back_transaction_is_listed_or_claimed() {
        AuditEvent kept = recordSome(1).get(0);
        IllegalStateException failure = new IllegalStateException("rolled back");
        assertThatThrownBy(() -> storage().transactions().run(() -> {
            log().record(event(EventType.TENANT_DEACTIVATED, NOW.plusSeconds(5), null, null));
            throw failure;
        })).isSameAs(failure);

        assertThat(log().list(AuditFilter.all(), null, 10)).containsExactly(kept);
        assertThat(claimedIds(log().claimUndispatched("worker-a", NOW, LEASE, 10))).containsExactly(kept.id());
    }

    @Test
    void an_event_recorded_in_an_open_transaction_is_not_claimed_before_it_commits() throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch claimedMeanwhile = new CountDownLatch(1);
        List<UUID> seenMeanwhile = new ArrayList<>();
        AuditEvent event = event(EventType.TENANT_CREATED, NOW, null, null);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> done = writer.submit(() -> storage().transactions().run(() -> {
                log().record(event);
                recorded.countDown();
                try {
                    assertThat(claimedMeanwhile.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(recorded.await(30, TimeUnit.SECONDS)).isTrue();
            seenMeanwhile.addAll(claimedIds(log().claimUndispatched("worker-a", NOW, LEASE, 10)));
            claimedMeanwhile.countDown();
            done.get(30, TimeUnit.SECONDS);
        } finally {
            writer.shutdownNow();
        }

        assertThat(seenMeanwhile).isEmpty();
        assertThat(claimedIds(log().claimUndispatched("worker-a", NOW, LEASE, 10))).containsExactly(event.id());
    }

    @Test
    void a_claim_takes_the_oldest_first_up_to_its_limit_and_counts_the_attempt() {
        List<AuditEvent> recorded = recordSome(5);

        List<AuditLog.Claimed> first = log().claimUndispatched("worker-a", NOW, LEASE, 3);

        assertThat(claimedIds(first)).containsExactlyElementsOf(ids(recorded.subList(0, 3)));
        assertThat(first).extracting(AuditLog.Claimed::attempts).containsOnly(1);
        assertThat(first.get(0).event()).isEqualTo(recorded.get(0));
        assertThat(claimedIds(log().claimUndispatched("worker-b", NOW, LEASE, 10)))
                .containsExactlyElementsOf(ids(recorded.subList(3, 5)));
    }

    @Test
    void a_claimed_event_is_not_claimed_again_before_its_lease_ends_and_is_after_it() {
        AuditEvent event = recordSome(1).get(0);
        assertThat(claimedIds(log().claimUndispatched("worker-a", NOW, LEASE, 10))).containsExactly(event.id());

        assertThat(log().claimUndispatched("worker-b", NOW.plus(LEASE).minusMillis(1), LEASE, 10)).isEmpty();
        List<AuditLog.Claimed> again = log().claimUndispatched("worker-b", NOW.plus(LEASE), LEASE, 10);

        assertThat(claimedIds(again)).containsExactly(event.id());
        assertThat(again.get(0).attempts()).isEqualTo(2);
    }

    @Test
    void an_event_marked_dispatched_is_never_claimed_again_but_still_listed() {
        List<AuditEvent> recorded = recordSome(3);
        List<AuditLog.Claimed> claimed = log().claimUndispatched("worker-a", NOW, LEASE, 10);
        assertThat(claimed).hasSize(3);

        storage().transactions().run(() -> log().markDispatched(ids(recorded.subList(0, 2)), NOW));

        assertThat(claimedIds(log().claimUndispatched("worker-b", NOW.plus(LEASE).plus(LEASE), LEASE, 10)))
                .containsExactly(recorded.get(2).id());
        assertThat(log().list(AuditFilter.all(), null, 10)).hasSize(3);
    }

    @Test
    void marking_dispatched_in_a_rolled_back_transaction_leaves_the_event_to_be_claimed_again() {
        AuditEvent event = recordSome(1).get(0);
        log().claimUndispatched("worker-a", NOW, LEASE, 10);
        IllegalStateException failure = new IllegalStateException("rolled back");

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            log().markDispatched(List.of(event.id()), NOW);
            throw failure;
        })).isSameAs(failure);

        assertThat(claimedIds(log().claimUndispatched("worker-b", NOW.plus(LEASE), LEASE, 10))).containsExactly(event.id());
    }

    @Test
    void concurrent_claimers_never_hold_the_same_event_within_a_lease() throws Exception {
        int events = 120;
        List<UUID> recorded = ids(recordSome(events));
        int claimers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<UUID>>> results = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                String worker = "worker-" + i;
                Callable<List<UUID>> claimer = () -> {
                    assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
                    List<UUID> mine = new ArrayList<>();
                    for (List<AuditLog.Claimed> batch = log().claimUndispatched(worker, NOW, LEASE, 7); !batch.isEmpty();
                         batch = log().claimUndispatched(worker, NOW, LEASE, 7)) {
                        mine.addAll(claimedIds(batch));
                    }
                    return mine;
                };
                results.add(pool.submit(claimer));
            }
            start.countDown();
            List<UUID> all = new ArrayList<>();
            for (Future<List<UUID>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }

            assertThat(new HashSet<>(all)).as("no event claimed twice").hasSize(all.size());
            assertThat(all).containsExactlyInAnyOrderElementsOf(recorded);
        } finally {
            pool.shutdownNow();
        }
    }
}
