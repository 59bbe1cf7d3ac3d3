package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.aSession;
import static io.invitekit.testing.fixtures.Fixtures.anAccount;
import static io.invitekit.testing.fixtures.Fixtures.digest;
import static io.invitekit.testing.fixtures.Fixtures.nextId;
import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.inmemory.ManualClock;
import io.invitekit.application.port.out.IssuedBrowserSession;
import io.invitekit.application.port.out.IssuedTokens;
import io.invitekit.application.port.out.LiveSession;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.service.OpaqueSessionTokens;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.testing.Concurrently;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Sessions} must do: find a session by either token digest, rotate it once per
 * refresh token, remember which session a retired refresh token belonged to, and forget a removed
 * one with everything it retired. With the default session tokens on top: of two clients racing
 * one refresh token, at most one wins, and a reuse revokes the family.
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
    void a_session_is_found_with_its_account_by_its_access_digest_only() {
        io.invitekit.domain.account.Account account = anAccount().build();
        storage().accounts().add(account);
        Session session = aSession().user(account.id()).build();
        sessions().add(session);
        Session withoutAccount = aSession().build();
        sessions().add(withoutAccount);

        assertThat(sessions().byAccessDigestWithAccount(session.accessDigest(), storage().accounts()))
                .hasValueSatisfying(found -> {
                    assertThat(found.session()).isEqualTo(session);
                    assertThat(found.account()).isEqualTo(account);
                });
        assertThat(sessions().byAccessDigestWithAccount(session.refreshDigest(), storage().accounts())).isEmpty();
        assertThat(sessions().byAccessDigestWithAccount(digest(), storage().accounts())).isEmpty();
        assertThat(sessions().byAccessDigestWithAccount(withoutAccount.accessDigest(), storage().accounts())).isEmpty();
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
    void a_rotation_remembers_the_retired_refresh_digest_until_the_session_is_removed() {
        Session session = aSession().build();
        Session other = aSession().build();
        sessions().add(session);
        sessions().add(other);
        Session next = aSession().rotating(session).build();
        Session third = aSession().rotating(session).build();
        Session otherNext = aSession().rotating(other).build();

        assertThat(sessions().rotate(session.refreshDigest(), next)).isTrue();
        assertThat(sessions().rotate(digest(), third)).as("a refresh digest the session never had").isFalse();
        assertThat(sessions().rotate(next.refreshDigest(), third)).isTrue();
        assertThat(sessions().rotate(other.refreshDigest(), otherNext)).isTrue();

        assertThat(sessions().familyOfRetired(session.refreshDigest())).contains(session.id());
        assertThat(sessions().familyOfRetired(next.refreshDigest())).contains(session.id());
        assertThat(sessions().familyOfRetired(third.refreshDigest())).as("the live one is not retired").isEmpty();
        assertThat(sessions().familyOfRetired(digest())).isEmpty();

        sessions().remove(session.id());

        assertThat(sessions().familyOfRetired(session.refreshDigest())).isEmpty();
        assertThat(sessions().familyOfRetired(next.refreshDigest())).isEmpty();
        assertThat(sessions().byRefreshDigest(third.refreshDigest())).isEmpty();
        assertThat(sessions().familyOfRetired(other.refreshDigest())).contains(other.id());
        assertThat(sessions().byRefreshDigest(otherNext.refreshDigest())).contains(otherNext);
    }

    @Test
    void of_two_clients_racing_one_refresh_token_at_most_one_wins_and_the_reuse_kills_the_family() throws Exception {
        OpaqueSessionTokens tokens = new OpaqueSessionTokens(sessions(), Clock.fixed(NOW, ZoneOffset.UTC),
                new Random(11), Duration.ofHours(1), Duration.ofDays(30));
        for (int round = 0; round < 10; round++) {
            IssuedTokens stolen = tokens.issue(new UserId(nextId()));
            IssuedTokens bystander = tokens.issue(stolen.user()); // another log-in of the same user

            List<Concurrently.Outcome<IssuedTokens>> outcomes =
                    Concurrently.run(2, client -> tokens.refresh(stolen.refreshToken()));

            List<IssuedTokens> won = outcomes.stream().filter(Concurrently.Outcome::succeeded)
                    .map(Concurrently.Outcome::value).toList();
            assertThat(won).as("round %d: one rotation wins", round).hasSize(1);
            assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(lost ->
                    assertThat(lost.failure()).isInstanceOfSatisfying(RuleViolationException.class,
                            refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.UNAUTHENTICATED)));

            // The loser presented a token its rival had just retired: that was a reuse already, and
            // presenting it once more is one too. Either way nothing of the family works now.
            assertThatRefused(() -> tokens.refresh(stolen.refreshToken()));
            IssuedTokens winner = won.get(0);
            assertThat(tokens.authenticate(winner.accessToken())).as("round %d", round).isEmpty();
            assertThat(tokens.authenticate(stolen.accessToken())).isEmpty();
            assertThatRefused(() -> tokens.refresh(winner.refreshToken()));
            assertThat(tokens.authenticate(bystander.accessToken())).as("another log-in lives on").contains(stolen.user());
            assertThat(tokens.refresh(bystander.refreshToken()).user()).isEqualTo(stolen.user());
        }
    }

    @Test
    void a_reuse_long_after_the_rotation_revokes_every_pair_issued_since_the_log_in() {
        OpaqueSessionTokens tokens = new OpaqueSessionTokens(sessions(), Clock.fixed(NOW, ZoneOffset.UTC),
                new Random(13), Duration.ofHours(1), Duration.ofDays(30));
        IssuedTokens first = tokens.issue(new UserId(nextId()));
        IssuedTokens second = tokens.refresh(first.refreshToken());
        IssuedTokens third = tokens.refresh(second.refreshToken());
        assertThat(tokens.authenticate(third.accessToken())).contains(first.user());

        assertThatRefused(() -> tokens.refresh(first.refreshToken()));

        assertThat(tokens.authenticate(third.accessToken())).isEmpty();
        assertThatRefused(() -> tokens.refresh(third.refreshToken()));
        assertThatRefused(() -> tokens.refresh(second.refreshToken()));
    }

    private static void assertThatRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOfSatisfying(RuleViolationException.class,
                refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
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

    @Test
    void a_session_keeps_its_kind_its_origin_and_when_it_was_last_used() {
        UserId user = new UserId(nextId());
        Session api = aSession().user(user).from("203.0.113.7", "curl/8.5").lastUsedAt(NOW.plusSeconds(60)).build();
        Session browser = aSession().user(user).browser().from(null, "Mozilla/5.0 " + "x".repeat(400)).build();
        sessions().add(api);
        sessions().add(browser);

        assertThat(sessions().byAccessDigest(api.accessDigest())).contains(api);
        Session found = sessions().byAccessDigest(browser.accessDigest()).orElseThrow();
        assertThat(found).isEqualTo(browser);
        assertThat(found.kind()).isEqualTo(SessionKind.BROWSER);
        assertThat(found.refreshDigest()).isNull();
        assertThat(found.origin().userAgent()).hasSize(SessionOrigin.MAX_USER_AGENT);
        assertThat(found.origin().clientAddress()).isNull();
        assertThat(sessions().byRefreshDigest(api.refreshDigest())).contains(api);
    }

    @Test
    void last_used_is_written_at_most_once_per_granularity() {
        Session session = aSession().build();
        sessions().add(session);
        Duration step = Session.LAST_USED_GRANULARITY;

        assertThat(sessions().touch(session.id(), NOW.plus(step).minusSeconds(1))).as("within the granularity").isFalse();
        assertThat(lastUsed(session)).isEqualTo(NOW);
        assertThat(sessions().touch(session.id(), NOW.plus(step))).isTrue();
        assertThat(lastUsed(session)).isEqualTo(NOW.plus(step));
        assertThat(sessions().touch(session.id(), NOW.plus(step).plusSeconds(1))).as("a second touch soon after").isFalse();
        assertThat(sessions().touch(session.id(), NOW.plus(step.multipliedBy(2)).minusSeconds(1))).isFalse();
        assertThat(lastUsed(session)).isEqualTo(NOW.plus(step));
        assertThat(sessions().touch(new io.invitekit.domain.account.SessionId(nextId()), NOW.plus(step))).isFalse();
    }

    private Instant lastUsed(Session session) {
        return sessions().byAccessDigest(session.accessDigest()).orElseThrow().lastUsedAt();
    }

    @Test
    void a_users_sessions_are_listed_newest_first_and_only_theirs() {
        UserId user = new UserId(nextId());
        Session older = aSession().user(user).createdAt(NOW.minusSeconds(120)).build();
        Session newest = aSession().user(user).browser().createdAt(NOW).build();
        Session middle = aSession().user(user).createdAt(NOW.minusSeconds(60)).build();
        sessions().add(older);
        sessions().add(newest);
        sessions().add(middle);
        sessions().add(aSession().build());

        assertThat(sessions().allOf(user)).containsExactly(newest, middle, older);
        assertThat(sessions().allOf(new UserId(nextId()))).isEmpty();
    }

    @Test
    void a_user_ends_only_their_own_session() {
        UserId user = new UserId(nextId());
        Session mine = aSession().user(user).build();
        Session someoneElses = aSession().build();
        sessions().add(mine);
        sessions().add(someoneElses);

        assertThat(sessions().removeOf(user, someoneElses.id())).isFalse();
        assertThat(sessions().removeOf(user, new io.invitekit.domain.account.SessionId(nextId()))).isFalse();
        assertThat(sessions().byAccessDigest(someoneElses.accessDigest())).contains(someoneElses);

        assertThat(sessions().removeOf(user, mine.id())).isTrue();
        assertThat(sessions().removeOf(user, mine.id())).isFalse();
        assertThat(sessions().byAccessDigest(mine.accessDigest())).isEmpty();
    }

    @Test
    void of_two_clients_ending_one_session_at_once_exactly_one_ends_it() throws Exception {
        for (int round = 0; round < 10; round++) {
            UserId user = new UserId(nextId());
            Session session = aSession().user(user).build();
            sessions().add(session);

            List<Concurrently.Outcome<Boolean>> outcomes =
                    Concurrently.run(2, client -> sessions().removeOf(user, session.id()));

            assertThat(outcomes).as("round %d", round).allMatch(Concurrently.Outcome::succeeded);
            assertThat(outcomes.stream().filter(Concurrently.Outcome::value).count()).as("round %d", round).isEqualTo(1);
            assertThat(sessions().allOf(user)).isEmpty();
        }
    }

    @Test
    void removing_all_but_one_keeps_that_one_and_other_users_sessions() {
        UserId user = new UserId(nextId());
        Session kept = aSession().user(user).browser().build();
        Session first = aSession().user(user).build();
        Session second = aSession().user(user).browser().build();
        Session someoneElses = aSession().build();
        List.of(kept, first, second, someoneElses).forEach(sessions()::add);

        assertThat(sessions().removeAllOfExcept(user, kept.id())).isEqualTo(2);
        assertThat(sessions().removeAllOfExcept(user, kept.id())).isZero();

        assertThat(sessions().allOf(user)).containsExactly(kept);
        assertThat(sessions().byAccessDigest(someoneElses.accessDigest())).contains(someoneElses);
    }

    @Test
    void the_default_tokens_record_a_use_coarsely_and_end_an_idle_browser_session() {
        ManualClock clock = new ManualClock(NOW);
        OpaqueSessionTokens tokens = new OpaqueSessionTokens(sessions(), clock, new Random(17), Duration.ofHours(1),
                Duration.ofDays(30));
        UserId user = new UserId(nextId());
        IssuedBrowserSession browser = tokens.openBrowserSession(user, new SessionOrigin("198.51.100.4", "Firefox"));
        IssuedTokens api = tokens.issue(user, new SessionOrigin("198.51.100.5", "curl"));

        assertThat(tokens.authenticate(browser.token(), SessionKind.BROWSER))
                .contains(new LiveSession(user, browser.id()));
        assertThat(tokens.authenticate(browser.token(), SessionKind.API)).as("a cookie is no bearer token").isEmpty();
        assertThat(tokens.authenticate(api.accessToken(), SessionKind.BROWSER)).as("nor the reverse").isEmpty();

        clock.advance(Duration.ofMinutes(4));
        tokens.authenticate(browser.token(), SessionKind.BROWSER);
        assertThat(lastUsedOf(user, SessionKind.BROWSER)).as("a use within 5 minutes writes nothing").isEqualTo(NOW);
        clock.advance(Duration.ofMinutes(1));
        tokens.authenticate(browser.token(), SessionKind.BROWSER);
        tokens.authenticate(api.accessToken(), SessionKind.API);
        assertThat(lastUsedOf(user, SessionKind.BROWSER)).isEqualTo(clock.instant());
        assertThat(lastUsedOf(user, SessionKind.API)).isEqualTo(clock.instant());

        // Used every six days it lives on, up to its absolute end.
        for (int week = 0; week < 4; week++) {
            clock.advance(Duration.ofDays(6));
            assertThat(tokens.authenticate(browser.token(), SessionKind.BROWSER)).as("day %d", 6 * (week + 1)).isPresent();
        }
        clock.set(NOW.plus(OpaqueSessionTokens.BROWSER_LIFETIME));
        assertThat(tokens.authenticate(browser.token(), SessionKind.BROWSER)).as("the absolute end").isEmpty();

        IssuedBrowserSession idle = tokens.openBrowserSession(user, SessionOrigin.UNKNOWN);
        clock.advance(OpaqueSessionTokens.BROWSER_IDLE.minusSeconds(1));
        assertThat(tokens.authenticate(idle.token(), SessionKind.BROWSER)).isPresent();
        clock.advance(OpaqueSessionTokens.BROWSER_IDLE);
        assertThat(tokens.authenticate(idle.token(), SessionKind.BROWSER)).as("idle for 7 days").isEmpty();

        tokens.endBrowserSession(api.accessToken());
        assertThat(sessions().allOf(user)).as("ending a browser session never ends an api one")
                .anyMatch(s -> s.kind() == SessionKind.API);
        IssuedBrowserSession ended = tokens.openBrowserSession(user, SessionOrigin.UNKNOWN);
        tokens.endBrowserSession(ended.token());
        assertThat(tokens.authenticate(ended.token(), SessionKind.BROWSER)).isEmpty();
    }

    private Instant lastUsedOf(UserId user, SessionKind kind) {
        return sessions().allOf(user).stream().filter(s -> s.kind() == kind).findFirst().orElseThrow().lastUsedAt();
    }
}
