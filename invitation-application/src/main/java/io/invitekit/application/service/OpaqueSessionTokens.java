package io.invitekit.application.service;

import io.invitekit.application.port.out.IssuedTokens;
import io.invitekit.application.port.out.SessionTokens;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
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
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The default session tokens: random opaque strings, stored only as SHA-256 digests. */
public final class OpaqueSessionTokens implements SessionTokens {
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
    public IssuedTokens issue(UserId user) {
        SecretToken access = SecretToken.generate(random);
        SecretToken refresh = SecretToken.generate(random);
        Instant now = Times.now(clock);
        sessions.add(new Session(new SessionId(ids.next()), user, access.digest(), refresh.digest(), now,
                now.plus(accessTtl), now.plus(refreshTtl)));
        return new IssuedTokens(user, access.reveal(), refresh.reveal(), accessTtl);
    }

    @Override
    public Optional<UserId> authenticate(String accessToken) {
        Instant now = Times.now(clock);
        return parse(accessToken)
                .flatMap(token -> sessions.byAccessDigest(token.digest()))
                .filter(session -> session.accessValidAt(now))
                .map(Session::userId);
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
        Session next = new Session(current.id(), current.userId(), access.digest(), refresh.digest(), current.createdAt(),
                now.plus(accessTtl), now.plus(refreshTtl));
        if (!sessions.rotate(presented.digest(), next)) {
            // Presented twice at once: only the first wins, and the second is a reuse like any other.
            throw revokeIfReused(presented);
        }
        return new IssuedTokens(current.userId(), access.reveal(), refresh.reveal(), accessTtl);
    }

    @Override
    public void revoke(String accessToken) {
        parse(accessToken).flatMap(token -> sessions.byAccessDigest(token.digest()))
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
