package io.invitekit.domain.account;

import io.invitekit.domain.shared.TokenDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in session: digests of its tokens, when each expires, and what its owner sees of it in
 * their list of sessions (kind, created, last used, origin). An {@link SessionKind#API} session
 * has an access and a refresh token, and a refresh replaces both digests. A {@link
 * SessionKind#BROWSER} session has one token (the cookie's, in {@code accessDigest}), no refresh
 * token, and lives until {@code accessExpiresAt} (its absolute end) as long as it is used within
 * its idle timeout. {@code lastUsedAt} is updated coarsely ({@link #staleBefore}). Log-out
 * deletes the session.
 */
public record Session(
        SessionId id,
        UserId userId,
        SessionKind kind,
        TokenDigest accessDigest,
        TokenDigest refreshDigest,
        Instant createdAt,
        Instant lastUsedAt,
        Instant accessExpiresAt,
        Instant refreshExpiresAt,
        SessionOrigin origin) {

    /** "Last used" is written at most once per this much time per session, never on every request. */
    public static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(5);

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(accessDigest, "accessDigest");
        if (kind == SessionKind.API) {
            Objects.requireNonNull(refreshDigest, "refreshDigest");
        } else if (refreshDigest != null) {
            throw new IllegalArgumentException("a browser session has no refresh token");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
        origin = origin == null ? SessionOrigin.UNKNOWN : origin;
    }

    /** An API session of unknown origin, last used when it was created. */
    public Session(SessionId id, UserId userId, TokenDigest accessDigest, TokenDigest refreshDigest, Instant createdAt,
                   Instant accessExpiresAt, Instant refreshExpiresAt) {
        this(id, userId, SessionKind.API, accessDigest, refreshDigest, createdAt, createdAt, accessExpiresAt,
                refreshExpiresAt, SessionOrigin.UNKNOWN);
    }

    public boolean accessValidAt(Instant now) {
        return now.isBefore(accessExpiresAt);
    }

    public boolean refreshValidAt(Instant now) {
        return refreshDigest != null && now.isBefore(refreshExpiresAt);
    }

    /** Whether "last used" is old enough at {@code now} to be written again. */
    public boolean lastUsedIsStaleAt(Instant now) {
        return !lastUsedAt.isAfter(staleBefore(now));
    }

    /** A use at {@code now} writes "last used" only when it is at or before this instant. */
    public static Instant staleBefore(Instant now) {
        return now.minus(LAST_USED_GRANULARITY);
    }
}
