package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.SessionId;
import io.invitekit.domain.account.SessionKind;
import io.invitekit.domain.account.SessionOrigin;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.shared.TokenDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code sessions}: digests only, never a token. {@code refreshDigest} is null for a browser session. */
public record SessionRow(UUID id, UUID userId, String kind, String accessDigest, String refreshDigest,
                         Instant createdAt, Instant lastUsedAt, Instant accessExpiresAt, Instant refreshExpiresAt,
                         String clientAddress, String userAgent) {

    static final String COLUMNS = "id, user_id, kind, access_digest, refresh_digest, created_at, last_used_at, "
            + "access_expires_at, refresh_expires_at, client_address, user_agent";

    public static SessionRow of(Session s) {
        return new SessionRow(s.id().value(), s.userId().value(), s.kind().name(), s.accessDigest().hex(),
                s.refreshDigest() == null ? null : s.refreshDigest().hex(), s.createdAt(), s.lastUsedAt(),
                s.accessExpiresAt(), s.refreshExpiresAt(), s.origin().clientAddress(), s.origin().userAgent());
    }

    public Session toDomain() {
        return new Session(new SessionId(id), new UserId(userId), SessionKind.valueOf(kind),
                new TokenDigest(accessDigest), refreshDigest == null ? null : new TokenDigest(refreshDigest), createdAt,
                lastUsedAt, accessExpiresAt, refreshExpiresAt, new SessionOrigin(clientAddress, userAgent));
    }

    /** Columns {@code c} to {@code c + 10} of the current row, in the order of the SELECT's columns. */
    public static SessionRow read(ResultSet r, int c) throws SQLException {
        return new SessionRow(Columns.uuid(r, c), Columns.uuid(r, c + 1), r.getString(c + 2), r.getString(c + 3),
                r.getString(c + 4), Columns.instant(r, c + 5), Columns.instant(r, c + 6), Columns.instant(r, c + 7),
                Columns.instant(r, c + 8), r.getString(c + 9), r.getString(c + 10));
    }
}
