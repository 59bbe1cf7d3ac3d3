package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.anAccount;
import static io.invitekit.testing.fixtures.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.BootstrapMarkers;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.Account;
import io.invitekit.testing.Concurrently;
import io.invitekit.testing.Concurrently.Outcome;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BootstrapMarkers} must do: a marker is placed once, for good, by exactly one
 * of any number of transactions racing to place it, and not at all by one that rolls back.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code
 * bootstrapMarkers()} is under test (with its {@code transactions()} and {@code accounts()}), the
 * same instance throughout one test, empty when each test starts, and usable from 16 threads at
 * once.
 */
public abstract class BootstrapMarkersContract {

    /** For a subclass, which provides the store under test. */
    public BootstrapMarkersContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code bootstrapMarkers()} this suite checks
     */
    protected abstract Storage storage();

    private BootstrapMarkers markers() {
        return storage().bootstrapMarkers();
    }

    @Test
    void a_marker_is_placed_once_and_stays_placed() {
        String name = unique("marker");
        assertThat(markers().isPlaced(name)).isFalse();

        assertThat(markers().place(name, NOW)).isTrue();

        assertThat(markers().isPlaced(name)).isTrue();
        assertThat(markers().place(name, NOW.plusSeconds(1))).isFalse();
        assertThat(markers().isPlaced(name)).isTrue();
        assertThat(markers().isPlaced(unique("other"))).isFalse();
    }

    @Test
    void a_marker_placed_in_a_transaction_that_rolls_back_is_not_placed() {
        String name = unique("marker");

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            assertThat(markers().place(name, NOW)).isTrue();
            throw new IllegalStateException("the rest of the work failed");
        })).hasMessage("the rest of the work failed");

        assertThat(markers().isPlaced(name)).isFalse();
        assertThat(markers().place(name, NOW)).isTrue();
    }

    @Test
    void finding_a_marker_placed_is_an_answer_that_leaves_the_transaction_usable() {
        String name = unique("marker");
        markers().place(name, NOW);
        Account account = anAccount().build();

        boolean placed = storage().transactions().inTransaction(() -> {
            boolean mine = markers().place(name, NOW);
            storage().accounts().add(account);
            return mine;
        });

        assertThat(placed).isFalse();
        assertThat(storage().accounts().byId(account.id())).contains(account);
    }

    @Test
    void of_sixteen_transactions_placing_one_marker_at_once_exactly_one_places_it() throws Exception {
        for (int round = 0; round < 5; round++) {
            String name = unique("contested");
            List<Account> accounts = IntStream.range(0, 16).mapToObj(i -> anAccount().build()).toList();

            // Like the first admin: place the marker, and only the one that placed it writes.
            List<Outcome<Boolean>> outcomes = Concurrently.run(16, i -> storage().transactions().inTransaction(() -> {
                if (!markers().place(name, NOW)) {
                    return false;
                }
                storage().accounts().add(accounts.get(i));
                return true;
            }));

            assertThat(outcomes).allMatch(Outcome::succeeded);
            assertThat(outcomes.stream().filter(Outcome::value)).hasSize(1);
            assertThat(accounts.stream().filter(a -> storage().accounts().byId(a.id()).isPresent())).hasSize(1);
            assertThat(markers().isPlaced(name)).isTrue();
        }
    }
}
