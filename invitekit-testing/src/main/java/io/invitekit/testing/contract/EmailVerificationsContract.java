package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.digest;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.out.EmailVerifications;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.EmailVerification;
import io.invitekit.domain.account.EmailVerificationId;
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
 * What every {@link EmailVerifications} must do: find a token by its digest, use it once (also when
 * two uses race), supersede a user's unused tokens and no one else's, and undo its writes with a
 * transaction that rolls back, and tell when a user's newest token was issued (the resend
 * cooldown).
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose
 * {@code emailVerifications()} is under test, the same instance throughout one test, and empty when
 * each test starts.
 */
public abstract class EmailVerificationsContract {
    private static final Instant LATER = NOW.plus(Duration.ofMinutes(5));

    /** For a subclass, which provides the store under test. */
    public EmailVerificationsContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code emailVerifications()} this suite checks
     */
    protected abstract Storage storage();

    private EmailVerifications verifications() {
        return storage().emailVerifications();
    }

    private static EmailVerification aToken(UserId user) {
        return EmailVerification.issue(new EmailVerificationId(nextId()), user, digest(), NOW, NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void a_token_is_found_by_its_digest_and_by_nothing_else() {
        EmailVerification token = aToken(new UserId(nextId()));
        verifications().add(token);

        assertThat(verifications().byDigest(token.digest())).contains(token);
        assertThat(verifications().byDigest(digest())).isEmpty();
    }

    @Test
    void a_token_is_used_once() {
        EmailVerification token = aToken(new UserId(nextId()));
        verifications().add(token);

        assertThat(verifications().markUsed(token.id(), LATER)).isTrue();
        assertThat(verifications().markUsed(token.id(), LATER.plusSeconds(1))).isFalse();

        EmailVerification used = verifications().byDigest(token.digest()).orElseThrow();
        assertThat(used.usedAt()).isEqualTo(LATER);
        assertThat(used.usableAt(LATER)).isFalse();
        assertThat(verifications().markUsed(new EmailVerificationId(nextId()), LATER)).as("unknown").isFalse();
    }

    @Test
    void of_many_uses_racing_for_one_token_exactly_one_wins() throws Exception {
        EmailVerification token = aToken(new UserId(nextId()));
        verifications().add(token);
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Callable<Boolean>> uses = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                uses.add(() -> storage().transactions().inTransaction(() -> verifications().markUsed(token.id(), LATER)));
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
        EmailVerification older = aToken(user);
        EmailVerification newer = aToken(user);
        EmailVerification alreadyUsed = aToken(user);
        EmailVerification someoneElses = aToken(new UserId(nextId()));
        List.of(older, newer, alreadyUsed, someoneElses).forEach(verifications()::add);
        verifications().markUsed(alreadyUsed.id(), NOW.plusSeconds(1));

        assertThat(verifications().supersedeUnused(user, LATER)).isEqualTo(2);

        assertThat(verifications().byDigest(older.digest()).orElseThrow().usedAt()).isEqualTo(LATER);
        assertThat(verifications().byDigest(newer.digest()).orElseThrow().usedAt()).isEqualTo(LATER);
        assertThat(verifications().byDigest(alreadyUsed.digest()).orElseThrow().usedAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(verifications().byDigest(someoneElses.digest()).orElseThrow().usableAt(LATER)).isTrue();
        assertThat(verifications().supersedeUnused(user, LATER)).isZero();
    }

    @Test
    void the_newest_token_of_a_user_says_when_it_was_issued_used_or_not() {
        UserId user = new UserId(nextId());
        assertThat(verifications().lastIssuedAt(user)).isEmpty();
        EmailVerification first = EmailVerification.issue(new EmailVerificationId(nextId()), user, digest(), NOW,
                NOW.plus(Duration.ofHours(24)));
        EmailVerification second = EmailVerification.issue(new EmailVerificationId(nextId()), user, digest(), LATER,
                LATER.plus(Duration.ofHours(24)));
        verifications().add(second);
        verifications().add(first); // added out of order: the newest is by issue time
        verifications().add(aToken(new UserId(nextId())));
        verifications().supersedeUnused(user, LATER.plusSeconds(1));

        assertThat(verifications().lastIssuedAt(user)).contains(LATER);
    }

    @Test
    void a_transaction_that_rolls_back_leaves_no_token_and_no_use() {
        EmailVerification kept = aToken(new UserId(nextId()));
        verifications().add(kept);
        EmailVerification discarded = aToken(new UserId(nextId()));

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            verifications().add(discarded);
            verifications().markUsed(kept.id(), LATER);
            throw new IllegalStateException("rolled back on purpose");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(verifications().byDigest(discarded.digest())).isEmpty();
        assertThat(verifications().byDigest(kept.digest()).orElseThrow().usableAt(LATER)).isTrue();
    }
}
