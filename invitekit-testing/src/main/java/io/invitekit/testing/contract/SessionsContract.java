package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.aSession;
import static io.invitekit.testing.fixtures.Fixtures.digest;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.port.out.Sessions;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.UserId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Sessions} must do: find a session by either token digest, rotate it once per
 * refresh token, and forget a removed one.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code sessions()} is
 * under test, the same instance throughout one test, and empty when each test starts.
 */
public abstract class SessionsContract {

    /** For a subclass, which provides the store under test. */
    public SessionsContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code sessions()} this suite checks
     */
    protected abstract Storage storage();

    private Sessions sessions() {
        return storage().sessions();
    }

    @Test
    void a_session_is_found_by_either_digest_and_by_nothing_else() {
        Session session = aSession().build();
        sessions().add(session);

        assertThat(sessions().byAccessDigest(session.accessDigest())).contains(session);
        assertThat(sessions().byRefreshDigest(session.refreshDigest())).contains(session);
        assertThat(sessions().byAccessDigest(session.refreshDigest())).isEmpty();
        assertThat(sessions().byRefreshDigest(digest())).isEmpty();
    }

    @Test
    void a_rotation_replaces_both_digests_and_works_once_per_refresh_token() {
        Session session = aSession().build();
        sessions().add(session);
        Session next = aSession().rotating(session)
                .accessExpiresAt(NOW.plus(Duration.ofHours(2))).refreshExpiresAt(NOW.plus(Duration.ofDays(31))).build();
        Session competing = aSession().rotating(session)
                .accessExpiresAt(NOW.plus(Duration.ofHours(2))).refreshExpiresAt(NOW.plus(Duration.ofDays(31))).build();

        assertThat(sessions().rotate(session.refreshDigest(), next)).isTrue();
        assertThat(sessions().rotate(session.refreshDigest(), competing)).isFalse();

        assertThat(sessions().byRefreshDigest(session.refreshDigest())).isEmpty();
        assertThat(sessions().byAccessDigest(session.accessDigest())).isEmpty();
        assertThat(sessions().byRefreshDigest(next.refreshDigest())).contains(next);
        assertThat(sessions().byAccessDigest(competing.accessDigest())).isEmpty();
    }

    @Test
    void a_removed_session_is_gone_and_others_stay() {
        UserId user = new UserId(nextId());
        Session removed = aSession().user(user).build();
        Session kept = aSession().user(user).build();
        sessions().add(removed);
        sessions().add(kept);

        sessions().remove(removed.id());
        sessions().remove(removed.id());

        assertThat(sessions().byAccessDigest(removed.accessDigest())).isEmpty();
        assertThat(sessions().byAccessDigest(kept.accessDigest())).contains(kept);
    }

    @Test
    void removing_all_of_a_user_ends_every_session_of_theirs_and_no_other() {
        UserId user = new UserId(nextId());
        Session first = aSession().user(user).build();
        Session second = aSession().user(user).build();
        Session someoneElses = aSession().build();
        sessions().add(first);
        sessions().add(second);
        sessions().add(someoneElses);

        assertThat(sessions().removeAllOf(user)).isEqualTo(2);
        assertThat(sessions().removeAllOf(user)).isZero();

        assertThat(sessions().byAccessDigest(first.accessDigest())).isEmpty();
        assertThat(sessions().byRefreshDigest(second.refreshDigest())).isEmpty();
        assertThat(sessions().byAccessDigest(someoneElses.accessDigest())).contains(someoneElses);
    }
}
