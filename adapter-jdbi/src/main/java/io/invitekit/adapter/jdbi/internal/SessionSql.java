package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface SessionSql {

    @SqlUpdate("INSERT INTO <prefix>sessions (" + SessionRow.COLUMNS + ") VALUES (:id, :userId, :kind, :accessDigest, "
            + ":refreshDigest, :createdAt, :lastUsedAt, :accessExpiresAt, :refreshExpiresAt, :clientAddress, :userAgent)")
    void insert(@BindMethods SessionRow row);

    @SqlQuery("SELECT " + SessionRow.COLUMNS + " FROM <prefix>sessions WHERE refresh_digest = :digest")
    Optional<SessionRow> byRefreshDigest(String digest);

    /** A compare-and-set on the refresh digest: of two refreshes with one token, one wins. */
    @SqlUpdate("UPDATE <prefix>sessions SET user_id = :userId, access_digest = :accessDigest, refresh_digest = :refreshDigest, "
            + "created_at = :createdAt, last_used_at = :lastUsedAt, access_expires_at = :accessExpiresAt, "
            + "refresh_expires_at = :refreshExpiresAt "
            + "WHERE id = :id AND refresh_digest = :expectedRefresh")
    int rotate(@BindMethods SessionRow row, String expectedRefresh);

    @SqlUpdate("INSERT INTO <prefix>retired_refresh_digests (refresh_digest, session_id) VALUES (:digest, :sessionId)")
    void retire(String digest, UUID sessionId);

    @SqlQuery("SELECT session_id FROM <prefix>retired_refresh_digests WHERE refresh_digest = :digest")
    Optional<UUID> familyOfRetired(String digest);

    /** Its retired refresh digests go with it (the foreign key cascades). */
    @SqlUpdate("DELETE FROM <prefix>sessions WHERE id = :id")
    int delete(UUID id);

    @SqlUpdate("DELETE FROM <prefix>sessions WHERE user_id = :userId")
    int deleteAllOf(UUID userId);

    /** The coarse "last used": writes only when the stored value is at or before {@code staleBefore}. */
    @SqlUpdate("UPDATE <prefix>sessions SET last_used_at = :usedAt WHERE id = :id AND last_used_at <= :staleBefore")
    int touch(UUID id, Instant usedAt, Instant staleBefore);

    @SqlQuery("SELECT " + SessionRow.COLUMNS + " FROM <prefix>sessions WHERE user_id = :userId "
            + "ORDER BY created_at DESC, id DESC")
    List<SessionRow> allOf(UUID userId);

    @SqlUpdate("DELETE FROM <prefix>sessions WHERE id = :id AND user_id = :userId")
    int deleteOf(UUID userId, UUID id);

    @SqlUpdate("DELETE FROM <prefix>sessions WHERE user_id = :userId AND id <> :keep")
    int deleteAllOfExcept(UUID userId, UUID keep);
}
