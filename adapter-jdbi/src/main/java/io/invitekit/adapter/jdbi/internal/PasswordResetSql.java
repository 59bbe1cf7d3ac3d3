package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface PasswordResetSql {

    @SqlUpdate("INSERT INTO <prefix>password_resets (" + PasswordResetRow.COLUMNS + ") VALUES (:id, :userId, "
            + ":tokenDigest, :createdAt, :expiresAt, :usedAt)")
    void insert(@BindMethods PasswordResetRow row);

    @SqlQuery("SELECT " + PasswordResetRow.COLUMNS + " FROM <prefix>password_resets WHERE token_digest = :digest")
    Optional<PasswordResetRow> byDigest(String digest);

    /** Conditional on being unused: of two uses at once, one updates the row. */
    @SqlUpdate("UPDATE <prefix>password_resets SET used_at = :at WHERE id = :id AND used_at IS NULL")
    int markUsed(UUID id, Instant at);

    @SqlUpdate("UPDATE <prefix>password_resets SET used_at = :at WHERE user_id = :userId AND used_at IS NULL")
    int supersedeUnused(UUID userId, Instant at);
}
