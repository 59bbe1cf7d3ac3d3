package io.invitekit.adapter.jdbi.contract;

import static io.invitekit.adapter.jdbi.testing.Fixtures.NOW;
import static io.invitekit.adapter.jdbi.testing.Fixtures.digest;
import static io.invitekit.adapter.jdbi.testing.Fixtures.nextId;
import static io.invitekit.adapter.jdbi.testing.Fixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.port.out.Sessions;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.UserId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What every {@link Sessions} must do: lookups by digest, a refresh token that works once. */
public abstract class SessionsContract {

    protected abstract Storage storage();

    private Sessions sessions() {
        return storage().sessions();
    }

    @Test
    void a_session_is_found_by_either_digest_and_by_nothing_else() {
        Session session = session(new UserId(nextId()));
        sessions().add(session);

        assertThat(sessions().byAccessDigest(session.accessDigest())).contains(session);
        assertThat(sessions().byRefreshDigest(session.refreshDigest())).contains(session);
        assertThat(sessions().byAccessDigest(session.refreshDigest())).isEmpty();
        assertThat(sessions().byRefreshDigest(digest())).isEmpty();
    }

    @Test
    void a_rotation_replaces_both_digests_and_works_once_per_refresh_token() {
        Session session = session(new UserId(nextId()));
        sessions().add(session);
        Session next = new Session(session.id(), session.userId(), digest(), digest(), session.createdAt(),
                NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(31)));
        Session competing = new Session(session.id(), session.userId(), digest(), digest(), session.createdAt(),
                NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofDays(31)));

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
        Session removed = session(user);
        Session kept = session(user);
        sessions().add(removed);
        sessions().add(kept);

        sessions().remove(removed.id());
        sessions().remove(removed.id());

        assertThat(sessions().byAccessDigest(removed.accessDigest())).isEmpty();
        assertThat(sessions().byAccessDigest(kept.accessDigest())).contains(kept);
    }
}
