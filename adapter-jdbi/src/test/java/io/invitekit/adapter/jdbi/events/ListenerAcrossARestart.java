package io.invitekit.adapter.jdbi.events;

import static io.invitekit.testing.fixtures.Fixtures.RANDOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.Invitekit;
import io.invitekit.application.config.InvitekitSettings;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.inmemory.RecordingMailSender;
import io.invitekit.application.port.in.Actor;
import io.invitekit.application.port.in.NewAccount;
import io.invitekit.application.port.in.NewTenant;
import io.invitekit.application.port.out.Event;
import io.invitekit.application.port.out.EventListener;
import io.invitekit.application.port.out.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Listeners hear every event at least once across a restart: a node that claimed a batch and
 * stopped before recording it dispatched leaves it leased; once the lease is over, a node started
 * afresh on the same database (its own pool and storage) hands the same events, by id, to its
 * listeners.
 */
abstract class ListenerAcrossARestart {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final String PASSWORD = "correct horse battery";

    protected abstract TestDatabase database();

    /** What a node dying while its listeners run looks like from inside: nothing after it runs. */
    private static final class NodeDied extends Error {
        NodeDied() {
            super("the node stopped");
        }
    }

    private static Invitekit node(JdbiStorage storage, ManualClock clock, EventListener listener) {
        return Invitekit.builder()
                .settings(InvitekitSettings.defaults().toBuilder().outboxLease(LEASE).build())
                .storage(storage)
                .clock(clock)
                .mailSender(new RecordingMailSender())
                .passwordHasher(new FastInsecurePasswordHasher(RANDOM))
                .random(RANDOM)
                .eventListener(listener)
                .build();
    }

    @Test
    void a_node_started_after_one_died_mid_dispatch_delivers_the_same_event_ids_once_the_lease_is_over() {
        ManualClock clock = new ManualClock(Instant.now());
        List<UUID> heardByTheFirst = new CopyOnWriteArrayList<>();
        Invitekit first = node(database().storage(), clock, event -> {
            heardByTheFirst.add(event.id());
            throw new NodeDied();
        });
        Actor owner = Actor.user(first.accounts().signup(NewAccount.email("olga@family.example").password(PASSWORD)
                .name("Olga", "Smith")).signedIn().user().id());
        first.tenants().create(owner, NewTenant.named("The Smiths"));
        long undispatched = database().count("SELECT count(*) FROM invitekit_audit_events WHERE dispatched_at IS NULL");
        assertThat(undispatched).isGreaterThanOrEqualTo(2);

        assertThatThrownBy(first.delivery()::dispatchEventsOnce).isInstanceOf(NodeDied.class);
        assertThat(heardByTheFirst).hasSize(1);
        assertThat(database().count("SELECT count(*) FROM invitekit_audit_events WHERE lease_owner IS NOT NULL "
                + "AND dispatched_at IS NULL")).as("the whole batch stays leased to the dead node").isEqualTo(undispatched);

        HikariDataSource restartedPool = Databases.pool(DatabaseSettings.of(database().url()).withPool(2, Duration.ofSeconds(20)));
        try {
            List<Event> heardAfterTheRestart = new CopyOnWriteArrayList<>();
            Invitekit second = node(JdbiStorage.create(restartedPool), clock, heardAfterTheRestart::add);
            assertThat(second.delivery().dispatchEventsOnce()).as("the lease still holds").isZero();

            clock.advance(LEASE);
            int dispatched = second.delivery().dispatchEventsOnce();

            assertThat(dispatched).isEqualTo(undispatched);
            assertThat(heardAfterTheRestart).extracting(Event::id).contains(heardByTheFirst.get(0))
                    .hasSize((int) undispatched).doesNotHaveDuplicates();
            assertThat(heardAfterTheRestart).extracting(Event::type)
                    .contains(EventType.ACCOUNT_CREATED, EventType.TENANT_CREATED);
            assertThat(database().count("SELECT count(*) FROM invitekit_audit_events WHERE dispatched_at IS NULL")).isZero();
            clock.advance(LEASE);
            assertThat(second.delivery().dispatchEventsOnce()).isZero();
        } finally {
            restartedPool.close();
        }
    }
}
