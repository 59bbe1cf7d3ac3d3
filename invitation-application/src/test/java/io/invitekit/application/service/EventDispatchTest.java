package io.invitekit.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.TestKit;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.TenantView;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.Event;
import io.invitekit.application.port.out.EventListener;
import io.invitekit.application.port.out.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The event dispatcher on in-memory ports: listeners get each committed event after its commit, at
 * least once, never a rolled-back one; a listener that throws gets the event again in a later
 * round without holding up the rest; the fan-out gets what is recorded dispatched, in that
 * transaction.
 */
class EventDispatchTest {
    private static final Duration LEASE = Duration.ofMinutes(5); // the default outbox lease

    private final List<Event> heard = new CopyOnWriteArrayList<>();
    private final TestKit t = new TestKit(s -> s.outboxLease(LEASE), (builder, storage) -> builder.eventListener(heard::add));

    private List<UUID> recordedIds() {
        return t.storage.auditLog().events().stream().map(AuditEvent::id).toList();
    }

    private static List<UUID> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    /** Rounds until one dispatches nothing (bounded). */
    private int dispatchAll(Runnable round) {
        int rounds = 0;
        int before;
        do {
            before = heard.size();
            round.run();
            rounds++;
        } while (heard.size() > before && rounds < 100);
        return rounds;
    }

    @Test
    void listeners_hear_each_committed_event_once_dispatched_with_its_fields_oldest_first() {
        Actor owner = t.user("olga@family.example");
        TenantView family = t.family(owner, "The Smiths");
        assertThat(heard).as("nothing before the dispatcher runs: never from inside the change").isEmpty();

        int dispatched = t.kit.delivery().dispatchEventsOnce();

        assertThat(dispatched).isEqualTo(recordedIds().size()).isPositive();
        assertThat(ids(heard)).containsExactlyElementsOf(recordedIds());
        assertThat(heard).filteredOn(e -> e.type() == EventType.TENANT_CREATED).singleElement().satisfies(e -> {
            assertThat(e.tenant()).isEqualTo(family.id());
            assertThat(e.actor()).isEqualTo(owner.id());
            assertThat(e.subject()).isEqualTo(family.id().toString());
            assertThat(e.version()).isEqualTo(EventType.TENANT_CREATED.version());
            assertThat(e.occurredAt()).isEqualTo(TestKit.START);
        });
        assertThat(t.kit.delivery().dispatchEventsOnce()).as("dispatched once: nothing left").isZero();
        t.clock.advance(LEASE.multipliedBy(2));
        assertThat(t.kit.delivery().dispatchEventsOnce()).as("not even after the lease").isZero();
        assertThat(heard).hasSize(dispatched);
    }

    @Test
    void a_rolled_back_change_is_never_heard() {
        t.user("olga@family.example");
        RuntimeException failure = new IllegalStateException("rolled back");
        try {
            t.storage.transactions().run(() -> {
                new ServiceContext(t.kit.settings(), t.clock, new Random(1), t.storage.auditLog())
                        .audit(t.clock.instant(), null, EventType.TENANT_DEACTIVATED, null, "nothing", Map.of());
                throw failure;
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).isSameAs(failure);
        }

        dispatchAll(() -> t.kit.delivery().dispatchEventsOnce());

        assertThat(heard).isNotEmpty().noneMatch(e -> e.type() == EventType.TENANT_DEACTIVATED);
    }

    @Test
    void an_event_of_an_open_transaction_is_heard_only_after_it_commits() throws Exception {
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch dispatchedMeanwhile = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> change = writer.submit(() -> t.storage.transactions().run(() -> {
                new ServiceContext(t.kit.settings(), t.clock, new Random(1), t.storage.auditLog())
                        .audit(t.clock.instant(), null, EventType.TENANT_ACTIVATED, null, "tenant", Map.of());
                recorded.countDown();
                try {
                    assertThat(dispatchedMeanwhile.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(recorded.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(t.kit.delivery().dispatchEventsOnce()).isZero();
            assertThat(heard).isEmpty();
            dispatchedMeanwhile.countDown();
            change.get(30, TimeUnit.SECONDS);
        } finally {
            writer.shutdownNow();
        }

        assertThat(t.kit.delivery().dispatchEventsOnce()).isEqualTo(1);
        assertThat(heard).extracting(Event::type).containsExactly(EventType.TENANT_ACTIVATED);
    }

    @Test
    void a_listener_that_throws_gets_the_event_again_in_a_later_round_and_the_others_are_not_lost() {
        List<Event> fussyHeard = new CopyOnWriteArrayList<>();
        Set<UUID> refusedOnce = Collections.synchronizedSet(new java.util.HashSet<>());
        EventListener fussy = event -> {
            fussyHeard.add(event);
            if (event.type() == EventType.TENANT_CREATED && refusedOnce.add(event.id())) {
                throw new IllegalStateException("the CRM is down");
            }
        };
        TestKit kit = new TestKit(s -> s.outboxLease(LEASE),
                (builder, storage) -> builder.eventListener(fussy).eventListener(heard::add));
        Actor owner = kit.user("olga@family.example");
        kit.family(owner, "The Smiths");
        List<UUID> all = kit.storage.auditLog().events().stream().map(AuditEvent::id).toList();
        UUID created = kit.storage.auditLog().events().stream().filter(e -> e.action().equals("tenant.created"))
                .findFirst().orElseThrow().id();

        int first = kit.kit.delivery().dispatchEventsOnce();

        assertThat(first).as("all but the refused one are recorded dispatched").isEqualTo(all.size() - 1);
        assertThat(ids(heard)).containsExactlyElementsOf(all); // the other listener heard everything, once
        assertThat(kit.kit.delivery().dispatchEventsOnce()).as("its lease holds it until it ends").isZero();

        kit.clock.advance(LEASE);
        assertThat(kit.kit.delivery().dispatchEventsOnce()).isEqualTo(1);

        assertThat(ids(fussyHeard)).filteredOn(created::equals).hasSize(2);
        assertThat(ids(heard)).as("at least once: the well-behaved listener hears it again")
                .filteredOn(created::equals).hasSize(2);
        assertThat(ids(heard)).containsAll(all);
        kit.clock.advance(LEASE);
        assertThat(kit.kit.delivery().dispatchEventsOnce()).isZero();
    }

    @Test
    void an_event_listeners_keep_refusing_is_given_up_after_the_last_round_and_still_fanned_out() {
        List<List<Event>> fannedOut = new ArrayList<>();
        EventListener broken = event -> {
            throw new IllegalStateException("always");
        };
        DeliveryService delivery = new DeliveryService(
                new ServiceContext(t.kit.settings(), t.clock, new Random(3), t.storage.auditLog()),
                t.storage.transactions(), t.storage.outbox(), t.mail, t.storage.invitations(), t.storage.memberInvitations(),
                List.of(broken), fannedOut::add);
        t.user("olga@family.example");
        int events = recordedIds().size();

        for (int round = 1; round < DeliveryService.MAX_DISPATCH_ATTEMPTS; round++) {
            assertThat(delivery.dispatchEventsOnce()).as("round %d", round).isZero();
            t.clock.advance(LEASE);
        }
        assertThat(fannedOut).isEmpty();

        assertThat(delivery.dispatchEventsOnce()).isEqualTo(events);

        assertThat(fannedOut).singleElement().satisfies(batch -> assertThat(ids(batch)).containsExactlyElementsOf(recordedIds()));
        t.clock.advance(LEASE);
        assertThat(delivery.dispatchEventsOnce()).isZero();
    }

    @Test
    void the_fan_out_gets_each_dispatched_batch_and_a_fan_out_that_fails_leaves_the_batch_to_come_again() {
        List<List<Event>> fannedOut = new ArrayList<>();
        boolean[] failNext = {true};
        EventFanOut fanOut = batch -> {
            if (failNext[0]) {
                failNext[0] = false;
                throw new IllegalStateException("the webhook store is down");
            }
            fannedOut.add(batch);
        };
        DeliveryService delivery = new DeliveryService(
                new ServiceContext(t.kit.settings(), t.clock, new Random(3), t.storage.auditLog()),
                t.storage.transactions(), t.storage.outbox(), t.mail, t.storage.invitations(), t.storage.memberInvitations(),
                List.of(), fanOut);
        t.user("olga@family.example");

        try {
            delivery.dispatchEventsOnce();
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("the webhook store is down");
        }
        assertThat(fannedOut).isEmpty();
        t.clock.advance(LEASE);

        assertThat(delivery.dispatchEventsOnce()).isEqualTo(recordedIds().size());
        assertThat(fannedOut).singleElement().satisfies(batch -> assertThat(ids(batch)).containsExactlyElementsOf(recordedIds()));
    }

    @Test
    void an_event_of_a_type_a_newer_release_wrote_skips_the_listeners_but_is_recorded_dispatched() {
        AuditEvent fromTheFuture = new AuditEvent(UUID.randomUUID(), t.clock.instant(), null, "gizmo.frobbed", 2, null,
                null, Map.of());
        t.storage.auditLog().record(fromTheFuture);

        assertThat(t.kit.delivery().dispatchEventsOnce()).isEqualTo(1);

        assertThat(heard).isEmpty();
        t.clock.advance(LEASE);
        assertThat(t.kit.delivery().dispatchEventsOnce()).isZero();
    }

    @Test
    void two_dispatchers_on_one_store_never_hand_one_event_to_listeners_twice_within_a_lease() throws Exception {
        for (int i = 0; i < 30; i++) {
            t.user("user" + i + "@example.org");
        }
        List<UUID> all = recordedIds();
        List<Event> otherHeard = new CopyOnWriteArrayList<>();
        DeliveryService other = new DeliveryService(
                new ServiceContext(t.kit.settings(), t.clock, new Random(5), t.storage.auditLog()),
                t.storage.transactions(), t.storage.outbox(), t.mail, t.storage.invitations(), t.storage.memberInvitations(),
                List.of(otherHeard::add));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?> a = pool.submit(() -> {
                start.await();
                while (t.kit.delivery().dispatchEventsOnce() > 0) { }
                return null;
            });
            Future<?> b = pool.submit(() -> {
                start.await();
                while (other.dispatchEventsOnce() > 0) { }
                return null;
            });
            start.countDown();
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        List<UUID> both = new ArrayList<>(ids(heard));
        both.addAll(ids(otherHeard));

        assertThat(both).containsExactlyInAnyOrderElementsOf(all);
    }
}
