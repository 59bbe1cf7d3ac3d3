package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface EmailVerificationSql {

    @SqlUpdate("INSERT INTO <prefix>email_verifications (" + EmailVerificationRow.COLUMNS + ") VALUES (:id, :userId, "
            + ":tokenDigest, :createdAt, :expiresAt, :usedAt)")
    void insert(@BindMethods EmailVerificationRow row);

    @SqlQuery("SELECT " + EmailVerificationRow.COLUMNS + " FROM <prefix>email_verifications WHERE token_digest = :digest")
    Optional<EmailVerificationRow> byDigest(String digest);

    /** Conditional on being unused: of two uses at once, one updates the row. */
    @SqlUpdate("UPDATE <prefix>email_verifications SET used_at = :at WHERE id = :id AND used_at IS NULL")
    int markUsed(UUID id, Instant at);

    @SqlUpdate("UPDATE <prefix>email_verifications SET used_at = :at WHERE user_id = :userId AND used_at IS NULL")
    int supersedeUnused(UUID userId, Instant at);

    @SqlQuery("SELECT max(created_at) FROM <prefix>email_verifications WHERE user_id = :userId")
    Optional<Instant> lastIssuedAt(UUID userId);
}
