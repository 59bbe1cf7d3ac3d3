package io.invitekit.adapter.jdbi.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.Memberships.AddOutcome;
import io.invitekit.application.port.out.Memberships.Change;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.TenantId;
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
 * Tenants from before {@code owner_count} and {@code pending_invitations} (migration V10): the
 * owners they have are counted, so the last-owner guard holds for them from the first request,
 * and no seat is held by an invitation (there were no member invitations).
 */
public abstract class OwnerCountMigration {
    private static final MigrationVersion MEMBERS = MigrationVersion.fromVersion("10");
    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    /** A fresh, empty database of this kind. */
    protected abstract String createEmptyDatabase();

    protected abstract void dropDatabase();

    private HikariDataSource pool;
    private Jdbi jdbi;

    @BeforeEach
    void migrateUpToTheVersionBeforeMembers() {
        pool = Databases.pool(DatabaseSettings.of(createEmptyDatabase()));
        FluentConfiguration migrations = Flyway.configure().dataSource(pool)
                .locations("classpath:db/invitekit/migration").table("invitekit_schema_history")
                .placeholders(Map.of("prefix", "invitekit_"));
        MigrationVersion before = Arrays.stream(migrations.load().info().all())
                .map(MigrationInfo::getVersion)
                .filter(version -> version.compareTo(MEMBERS) < 0)
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
    void the_owners_of_existing_tenants_are_counted_and_the_last_one_stays() {
        UUID twoOwners = insertTenant("two-owners", 3);
        UUID first = insertMembership(twoOwners, "OWNER");
        UUID second = insertMembership(twoOwners, "OWNER");
        UUID member = insertMembership(twoOwners, "MEMBER");
        UUID oneOwner = insertTenant("one-owner", 1);
        UUID only = insertMembership(oneOwner, "OWNER");
        UUID empty = insertTenant("empty", 0);

        JdbiStorage storage = JdbiStorage.migrateAndCreate(pool);

        assertThat(count("SELECT owner_count FROM invitekit_tenants WHERE id = '" + twoOwners + "'")).isEqualTo(2);
        assertThat(count("SELECT owner_count FROM invitekit_tenants WHERE id = '" + oneOwner + "'")).isEqualTo(1);
        assertThat(count("SELECT owner_count FROM invitekit_tenants WHERE id = '" + empty + "'")).isZero();
        assertThat(count("SELECT sum(pending_invitations) FROM invitekit_tenants")).isZero();

        assertThat(storage.memberships().remove(new TenantId(oneOwner), new UserId(only), Role.OWNER))
                .isEqualTo(Change.LAST_OWNER);
        assertThat(storage.memberships().changeRole(new TenantId(twoOwners), new UserId(first), Role.OWNER, Role.ADMIN))
                .isEqualTo(Change.DONE);
        assertThat(storage.memberships().changeRole(new TenantId(twoOwners), new UserId(second), Role.OWNER, Role.MEMBER))
                .isEqualTo(Change.LAST_OWNER);
        assertThat(storage.memberships().remove(new TenantId(twoOwners), new UserId(member), Role.MEMBER))
                .isEqualTo(Change.DONE);
        assertThat(storage.memberships().add(new Membership(new TenantId(twoOwners), new UserId(UUID.randomUUID()), Role.MEMBER,
                CREATED), Limit.of(3))).as("3 users again, the count kept by the removal").isEqualTo(AddOutcome.ADDED);
        assertThat(storage.memberships().add(new Membership(new TenantId(twoOwners), new UserId(UUID.randomUUID()), Role.MEMBER,
                CREATED), Limit.of(3))).isEqualTo(AddOutcome.TENANT_FULL);
    }

    private UUID insertTenant(String subdomain, int members) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO invitekit_tenants (id, name, subdomain, tier, permissions, feature_flags, "
                        + "max_users, active, created_at, member_count) VALUES (:id, 'Old', :subdomain, 'STARTER', '', '', 5, TRUE, "
                        + ":at, :members)")
                .bind("id", id).bind("subdomain", subdomain).bind("at", CREATED).bind("members", members).execute());
        return id;
    }

    private UUID insertMembership(UUID tenant, String role) {
        UUID user = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO invitekit_memberships (tenant_id, user_id, role, joined_at) "
                        + "VALUES (:tenant, :user, :role, :at)")
                .bind("tenant", tenant).bind("user", user).bind("role", role).bind("at", CREATED).execute());
        return user;
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
