package io.invitekit.adapter.jdbi.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface AccountSql {

    /** A taken email raises {@code uq_accounts_email}, which becomes {@code email_taken}. */
    @SqlUpdate("INSERT INTO <prefix>accounts (" + AccountRow.COLUMNS + ") VALUES (:id, :email, :passwordHash, :firstName, "
            + ":lastName, :platformRole, :createdAt, :emailVerifiedAt, :locale)")
    void insert(@BindMethods AccountRow row);

    @SqlQuery("SELECT " + AccountRow.COLUMNS + " FROM <prefix>accounts WHERE email = :email")
    Optional<AccountRow> byEmail(String email);

    @SqlQuery("SELECT " + AccountRow.COLUMNS + " FROM <prefix>accounts WHERE id IN (<ids>)")
    List<AccountRow> byIds(@BindList("ids") Collection<UUID> ids);

    @SqlQuery("SELECT count(*) FROM <prefix>accounts WHERE platform_role = 'PLATFORM_ADMIN'")
    long countPlatformAdmins();

    /** Locks the account's row until the transaction ends. */
    @SqlQuery("SELECT password_hash FROM <prefix>accounts WHERE id = :id FOR UPDATE")
    Optional<String> lockPasswordHash(UUID id);

    @SqlUpdate("UPDATE <prefix>accounts SET password_hash = :passwordHash WHERE id = :id")
    int updatePasswordHash(UUID id, String passwordHash);

    /** The first verification stays. */
    @SqlUpdate("UPDATE <prefix>accounts SET email_verified_at = COALESCE(email_verified_at, :at) WHERE id = :id")
    int markEmailVerified(UUID id, java.time.Instant at);

    @SqlUpdate("UPDATE <prefix>accounts SET first_name = :firstName, last_name = :lastName WHERE id = :id")
    int rename(UUID id, String firstName, String lastName);

    @SqlUpdate("UPDATE <prefix>accounts SET locale = :locale WHERE id = :id")
    int changeLocale(UUID id, String locale);
}
