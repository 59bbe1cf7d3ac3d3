package io.invitekit.adapter.jdbi.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts from before {@code email_verified_at} (migration V7): platform admins and owners of a
 * tenant by an accepted invitation count as verified (when they were made); every other account
 * stays unverified, an invitee who has not accepted yet included.
 */
public abstract class EmailVerifiedMigration {
    private static final MigrationVersion VERIFIED = MigrationVersion.fromVersion("7");
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    /** A fresh, empty database of this kind. */
    protected abstract String createEmptyDatabase();

    protected abstract void dropDatabase();

    private HikariDataSource pool;
    private Jdbi jdbi;

    @BeforeEach
    void migrateUpToTheVersionBeforeVerification() {
        pool = Databases.pool(DatabaseSettings.of(createEmptyDatabase()));
        FluentConfiguration migrations = Flyway.configure().dataSource(pool)
                .locations("classpath:db/invitekit/migration").table("invitekit_schema_history")
                .placeholders(Map.of("prefix", "invitekit_"));
        MigrationVersion before = Arrays.stream(migrations.load().info().all())
                .map(MigrationInfo::getVersion)
                .filter(version -> version.compareTo(VERIFIED) < 0)
                .max(MigrationVersion::compareTo).orElseThrow();
        migrations.target(before).load().migrate();
        jdbi = TestDatabase.invitekitJdbi(pool);
    }

    @AfterEach
    void drop() {
        if (pool != null) {
            pool.close();
            dropDatabase();
        }
    }

    @Test
    void admins_and_owners_by_an_accepted_invitation_count_as_verified_and_nobody_else() {
        UUID admin = insertAccount("old-admin@example.com", "PLATFORM_ADMIN");
        UUID owner = insertAccount("owner@example.com", "NONE");
        UUID invitee = insertAccount("invitee@example.com", "NONE");
        UUID someone = insertAccount("someone@example.com", "NONE");
        insertInvitation("owner@example.com", admin, "ACCEPTED", owner);
        insertInvitation("invitee@example.com", admin, "CANCELLED", null);

        JdbiStorage storage = JdbiStorage.migrateAndCreate(pool);

        assertThat(account(storage, admin).emailVerifiedAt()).isEqualTo(CREATED);
        assertThat(account(storage, owner).emailVerifiedAt()).isEqualTo(CREATED);
        assertThat(account(storage, invitee).isEmailVerified()).as("an invitation not accepted proves nothing").isFalse();
        assertThat(account(storage, someone).isEmailVerified()).isFalse();
        assertThat(count("SELECT count(*) FROM invitekit_email_verifications")).isZero();
    }

    private static Account account(JdbiStorage storage, UUID id) {
        return storage.accounts().byId(new UserId(id)).orElseThrow();
    }

    private UUID insertAccount(String email, String platformRole) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO invitekit_accounts (id, email, password_hash, first_name, last_name, "
                        + "platform_role, created_at) VALUES (:id, :email, 'not a real hash', 'Old', 'Timer', :role, :at)")
                .bind("id", id).bind("email", email).bind("role", platformRole).bind("at", CREATED).execute());
        return id;
    }

    private void insertInvitation(String email, UUID invitedBy, String status, UUID createdUser) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO invitekit_tenant_invitations (id, email, tier, permissions, "
                        + "feature_flags, invited_by, token_digest, status, ttl_days, created_at, expires_at, accepted_at, "
                        + "created_user, resend_count, last_sent_at, version) VALUES (:id, :email, 'PROFESSIONAL', '', '', "
                        + ":invitedBy, :digest, :status, 7, :at, :expires, :acceptedAt, :createdUser, 0, :at, 1)")
                .bind("id", UUID.randomUUID()).bind("email", email).bind("invitedBy", invitedBy)
                .bind("digest", UUID.randomUUID().toString().replace("-", "")).bind("status", status)
                .bind("at", CREATED).bind("expires", CREATED.plusSeconds(7 * 86_400))
                .bind("acceptedAt", createdUser == null ? null : CREATED.plusSeconds(3_600))
                .bind("createdUser", createdUser).execute());
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
