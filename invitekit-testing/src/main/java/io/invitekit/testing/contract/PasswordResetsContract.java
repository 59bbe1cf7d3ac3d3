package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.digest;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.PasswordResets;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.PasswordReset;
import io.invitekit.domain.account.PasswordResetId;
import io.invitekit.domain.account.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PasswordResets} must do: find a token by its digest, use it once (also when
 * two uses race), supersede a user's unused tokens and no one else's, and undo its writes with a
 * transaction that rolls back.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose
 * {@code passwordResets()} is under test, the same instance throughout one test, and empty when
 * each test starts.
 */
public abstract class PasswordResetsContract {
    private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));

    /** For a subclass, which provides the store under test. */
    public PasswordResetsContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code passwordResets()} this suite checks
     */
    protected abstract Storage storage();

    private PasswordResets resets() {
        return storage().passwordResets();
    }

    private static PasswordReset aReset(UserId user) {
        return PasswordReset.issue(new PasswordResetId(nextId()), user, digest(), NOW, NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void a_token_is_found_by_its_digest_and_by_nothing_else() {
        PasswordReset reset = aReset(new UserId(nextId()));
        resets().add(reset);

        assertThat(resets().byDigest(reset.digest())).contains(reset);
        assertThat(resets().byDigest(digest())).isEmpty();
    }

    @Test
    void a_token_is_used_once() {
        PasswordReset reset = aReset(new UserId(nextId()));
        resets().add(reset);

        assertThat(resets().markUsed(reset.id(), LATER)).isTrue();
        assertThat(resets().markUsed(reset.id(), LATER.plusSeconds(1))).isFalse();

        PasswordReset used = resets().byDigest(reset.digest()).orElseThrow();
        assertThat(used.usedAt()).isEqualTo(LATER);
        assertThat(used.usableAt(LATER)).isFalse();
        assertThat(resets().markUsed(new PasswordResetId(nextId()), LATER)).as("unknown").isFalse();
    }

    @Test
    void of_many_uses_racing_for_one_token_exactly_one_wins() throws Exception {
        PasswordReset reset = aReset(new UserId(nextId()));
        resets().add(reset);
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Callable<Boolean>> uses = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                uses.add(() -> storage().transactions().inTransaction(() -> resets().markUsed(reset.id(), LATER)));
            }
            int wins = 0;
            for (Future<Boolean> use : pool.invokeAll(uses, 60, TimeUnit.SECONDS)) {
                wins += use.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void superseding_uses_up_every_unused_token_of_the_user_and_no_one_elses() {
        UserId user = new UserId(nextId());
        PasswordReset older = aReset(user);
        PasswordReset newer = aReset(user);
        PasswordReset alreadyUsed = aReset(user);
        PasswordReset someoneElses = aReset(new UserId(nextId()));
        List.of(older, newer, alreadyUsed, someoneElses).forEach(resets()::add);
        resets().markUsed(alreadyUsed.id(), NOW.plusSeconds(1));

        assertThat(resets().supersedeUnused(user, LATER)).isEqualTo(2);

        assertThat(resets().byDigest(older.digest()).orElseThrow().usedAt()).isEqualTo(LATER);
        assertThat(resets().byDigest(newer.digest()).orElseThrow().usedAt()).isEqualTo(LATER);
        assertThat(resets().byDigest(alreadyUsed.digest()).orElseThrow().usedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(resets().byDigest(someoneElses.digest()).orElseThrow().usableAt(LATER)).isTrue();
        assertThat(resets().supersedeUnused(user, LATER)).isZero();
    }

    @Test
    void a_transaction_that_rolls_back_leaves_no_token_and_no_use() {
        PasswordReset kept = aReset(new UserId(nextId()));
        resets().add(kept);
        PasswordReset discarded = aReset(new UserId(nextId()));

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            resets().add(discarded);
            resets().markUsed(kept.id(), LATER);
            throw new IllegalStateException("rolled back on purpose");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(resets().byDigest(discarded.digest())).isEmpty();
        assertThat(resets().byDigest(kept.digest()).orElseThrow().usableAt(LATER)).isTrue();
    }
}
