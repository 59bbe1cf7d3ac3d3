package io.invitekit.application.service;

import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.IssuedBrowserSession;
import io.invitekit.application.port.out.IssuedTokens;
import io.invitekit.application.port.out.LiveSession;
import io.invitekit.application.port.out.SessionTokens;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.IdGenerator;
import io.invitekit.domain.shared.RuleViolationException;
import io.invitekit.domain.shared.SecretToken;
import io.invitekit.domain.shared.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The default session tokens: random opaque strings, stored only as SHA-256 digests. A browser
 * session lives {@link #BROWSER_LIFETIME} at most, and ends sooner when unused for {@link
 * #BROWSER_IDLE} (measured from "last used", which is written at most every {@link
 * Session#LAST_USED_GRANULARITY}, so the idle end is that coarse too).
 */
public final class OpaqueSessionTokens implements SessionTokens {
    public static final Duration BROWSER_IDLE = Duration.ofDays(7);
    public static final Duration BROWSER_LIFETIME = Duration.ofDays(30);

    private final Sessions sessions;
    private final Clock clock;
    private final RandomGenerator random;
    private final IdGenerator ids;
    private final Duration accessTtl;
    private final Duration refreshTtl;

    public OpaqueSessionTokens(Sessions sessions, Clock clock, RandomGenerator random, Duration accessTtl,
                               Duration refreshTtl) {
        this.sessions = sessions;
        this.clock = clock;
        this.random = random;
        this.ids = new IdGenerator(clock, random);
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
    }

    @Override
    public IssuedTokens issue(UserId user, SessionOrigin origin) {
        SecretToken access = SecretToken.generate(random);
        SecretToken refresh = SecretToken.generate(random);
        Instant now = Times.now(clock);
        sessions.add(new Session(new SessionId(ids.next()), user, SessionKind.API, access.digest(), refresh.digest(),
                now, now, now.plus(accessTtl), now.plus(refreshTtl), origin));
        return new IssuedTokens(user, access.reveal(), refresh.reveal(), accessTtl);
    }

    @Override
    public IssuedBrowserSession openBrowserSession(UserId user, SessionOrigin origin) {
        SecretToken token = SecretToken.generate(random);
        Instant now = Times.now(clock);
        Instant end = now.plus(BROWSER_LIFETIME);
        SessionId id = new SessionId(ids.next());
        sessions.add(new Session(id, user, SessionKind.BROWSER, token.digest(), null, now, now, end, end, origin));
        return new IssuedBrowserSession(user, id, token.reveal(), BROWSER_LIFETIME);
    }

    @Override
    public Optional<LiveSession> authenticate(String token, SessionKind kind) {
        Instant now = Times.now(clock);
        Optional<Session> live = parse(token).flatMap(parsed -> sessions.byAccessDigest(parsed.digest()))
                .filter(session -> usable(session, kind, now));
        return live.map(session -> used(session, now));
    }

    /** One read of the store for the session and its account where it can (every signed-in request). */
    @Override
    public Optional<SignedIn> authenticate(String token, SessionKind kind, Accounts accounts) {
        Instant now = Times.now(clock);
        return parse(token).flatMap(parsed -> sessions.byAccessDigestWithAccount(parsed.digest(), accounts))
                .filter(found -> usable(found.session(), kind, now))
                .map(found -> new SignedIn(used(found.session(), now), found.account()));
    }

    private static boolean usable(Session session, SessionKind kind, Instant now) {
        return session.kind() == kind && session.accessValidAt(now) && isLive(session, now);
    }

    /** Records the use coarsely: a write at most once per {@link Session#LAST_USED_GRANULARITY}. */
    private LiveSession used(Session session, Instant now) {
        if (session.lastUsedIsStaleAt(now)) {
            sessions.touch(session.id(), now);
        }
        return new LiveSession(session.userId(), session.id());
    }

    @Override
    public IssuedTokens refresh(String refreshToken) {
        Instant now = Times.now(clock);
        SecretToken presented = parse(refreshToken).orElseThrow(OpaqueSessionTokens::refused);
        Optional<Session> live = sessions.byRefreshDigest(presented.digest());
        if (live.isEmpty()) {
            throw revokeIfReused(presented);
        }
        Session current = live.filter(session -> session.refreshValidAt(now)).orElseThrow(OpaqueSessionTokens::refused);
        SecretToken access = SecretToken.generate(random);
        SecretToken refresh = SecretToken.generate(random);
        Session next = new Session(current.id(), current.userId(), SessionKind.API, access.digest(), refresh.digest(),
                current.createdAt(), now, now.plus(accessTtl), now.plus(refreshTtl), current.origin());
        if (!sessions.rotate(presented.digest(), next)) {
            // Presented twice at once: only the first wins, and the second is a reuse like any other.
            throw revokeIfReused(presented);
        }
        return new IssuedTokens(current.userId(), access.reveal(), refresh.reveal(), accessTtl);
    }

    @Override
    public void revoke(String accessToken) {
        parse(accessToken).flatMap(token -> sessions.byAccessDigest(token.digest()))
                .filter(session -> session.kind() == SessionKind.API)
                .ifPresent(session -> sessions.remove(session.id()));
    }

    /**
     * A refresh token that a refresh already retired is presented again: a copy is in somebody
     * else's hands, and nobody can tell whose is the thief's. As the OAuth 2.0 Security BCP asks,
     * the whole family (the session, every token pair issued since its log-in) is revoked, so
     * both holders must log in again. This runs outside any transaction of the caller's (a
     * refresh opens none), so the refusal thrown afterwards cannot roll the revocation back.
     */
    private RuleViolationException revokeIfReused(SecretToken presented) {
        sessions.familyOfRetired(presented.digest()).ifPresent(sessions::remove);
        return refused();
    }

    @Override
    public void revokeAll(UserId user) {
        sessions.removeAllOf(user);
    }

    @Override
    public void endBrowserSession(String token) {
        parse(token).flatMap(parsed -> sessions.byAccessDigest(parsed.digest()))
                .filter(session -> session.kind() == SessionKind.BROWSER)
                .ifPresent(session -> sessions.remove(session.id()));
    }

    /** The live ones: an ended session (expired, or a browser session idle too long) is not shown. */
    @Override
    public List<Session> sessionsOf(UserId user) {
        Instant now = Times.now(clock);
        return sessions.allOf(user).stream().filter(session -> isLive(session, now)).toList();
    }

    private static boolean isLive(Session session, Instant now) {
        return switch (session.kind()) {
            case API -> session.accessValidAt(now) || session.refreshValidAt(now);
            case BROWSER -> session.accessValidAt(now) && now.isBefore(session.lastUsedAt().plus(BROWSER_IDLE));
        };
    }

    @Override
    public boolean revoke(UserId owner, SessionId id) {
        return sessions.removeOf(owner, id);
    }

    @Override
    public int revokeAllBut(UserId owner, SessionId keep) {
        return sessions.removeAllOfExcept(owner, keep);
    }

    private static Optional<SecretToken> parse(String raw) {
        try {
            return Optional.of(SecretToken.parse(raw));
        } catch (DomainException notOurs) {
            return Optional.empty();
        }
    }

    private static RuleViolationException refused() {
        return new RuleViolationException(ErrorCode.UNAUTHENTICATED, "the refresh token is unknown, used or expired");
    }
}
