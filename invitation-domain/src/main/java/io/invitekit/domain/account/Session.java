package io.invitekit.domain.account;

import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in session: digests of its access and refresh tokens and when each expires. A
 * refresh replaces both digests; log-out deletes the session.
 */
public record Session(
        SessionId id,
        UserId userId,
        TokenDigest accessDigest,
        TokenDigest refreshDigest,
        Instant createdAt,
        Instant accessExpiresAt,
        Instant refreshExpiresAt) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accessDigest, "accessDigest");
        Objects.requireNonNull(refreshDigest, "refreshDigest");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
    }

    public boolean accessValidAt(Instant now) {
        return now.isBefore(accessExpiresAt);
    }

    public boolean refreshValidAt(Instant now) {
        return now.isBefore(refreshExpiresAt);
    }
}
