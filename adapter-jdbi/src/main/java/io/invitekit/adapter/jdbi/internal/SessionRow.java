package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code sessions}: digests only, never a token. */
public record SessionRow(UUID id, UUID userId, String accessDigest, String refreshDigest, Instant createdAt,
                         Instant accessExpiresAt, Instant refreshExpiresAt) {

    static final String COLUMNS = "id, user_id, access_digest, refresh_digest, created_at, access_expires_at, "
            + "refresh_expires_at";

    public static SessionRow of(Session s) {
        return new SessionRow(s.id().value(), s.userId().value(), s.accessDigest().hex(), s.refreshDigest().hex(),
                s.createdAt(), s.accessExpiresAt(), s.refreshExpiresAt());
    }

    public Session toDomain() {
        return new Session(new SessionId(id), new UserId(userId), new TokenDigest(accessDigest),
                new TokenDigest(refreshDigest), createdAt, accessExpiresAt, refreshExpiresAt);
    }
}
