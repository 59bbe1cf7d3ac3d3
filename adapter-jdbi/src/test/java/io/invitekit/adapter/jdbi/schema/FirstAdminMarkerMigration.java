package io.invitekit.adapter.jdbi.schema;

import static io.invitekit.adapter.jdbi.testing.Fixtures.RANDOM;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.Invitekit;
import io.invitekit.application.inmemory.FastInsecurePasswordHasher;
import io.invitekit.application.inmemory.RecordingMailSender;
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
 * Databases from before {@code bootstrap_markers} (migration V3): one whose first admin exists
 * gets the marker from the migration, so no node starting on it makes a second admin; one
 * without an admin gets none, so its first admin is still made.
 */
public abstract class FirstAdminMarkerMigration {
    private static final MigrationVersion MARKERS = MigrationVersion.fromVersion("3");

    /** A fresh, empty database of this kind. */
    protected abstract String createEmptyDatabase();

    protected abstract void dropDatabase();

    private HikariDataSource pool;
    private Jdbi jdbi;

    @BeforeEach
    void migrateUpToTheVersionBeforeTheMarkers() {
        pool = Databases.pool(DatabaseSettings.of(createEmptyDatabase()));
        FluentConfiguration migrations = Flyway.configure().dataSource(pool)
                .locations("classpath:db/invitekit/migration").table("invitekit_schema_history")
                .placeholders(Map.of("prefix", "invitekit_"));
        MigrationVersion before = Arrays.stream(migrations.load().info().all())
                .map(MigrationInfo::getVersion)
                .filter(version -> version.compareTo(MARKERS) < 0)
                .max(MigrationVersion::compareTo).orElseThrow();
        migrations.target(before).load().migrate();
        jdbi = TestDatabase.invitekitJdbi(pool);
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = 'invitekit_bootstrap_markers'"
                + " AND table_schema = current_schema()"))
                .isZero();
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = 'invitekit_accounts'"
                + " AND table_schema = current_schema()"))
                .isPositive();
    }

    @AfterEach
    void drop() {
        if (pool != null) {
            pool.close();
            dropDatabase();
        }
    }

    @Test
    void a_database_whose_admin_exists_gets_the_marker_and_no_second_admin() {
        insertAccount("old-admin@example.com", "PLATFORM_ADMIN");
        insertAccount("someone@example.com", "NONE");

        Invitekit kit = kit(JdbiStorage.migrateAndCreate(pool));

        assertThat(count("SELECT count(*) FROM invitekit_bootstrap_markers WHERE name = 'first_admin'")).isEqualTo(1);
        assertThat(kit.accounts().createFirstPlatformAdmin("new-admin@example.com", "new admin password")).isEmpty();
        assertThat(count("SELECT count(*) FROM invitekit_accounts WHERE platform_role = 'PLATFORM_ADMIN'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM invitekit_accounts WHERE email = 'new-admin@example.com'")).isZero();
    }

    @Test
    void a_database_without_an_admin_gets_no_marker_and_its_first_admin_later() {
        insertAccount("someone@example.com", "NONE");

        Invitekit kit = kit(JdbiStorage.migrateAndCreate(pool));

        assertThat(count("SELECT count(*) FROM invitekit_bootstrap_markers")).isZero();
        assertThat(kit.accounts().createFirstPlatformAdmin("new-admin@example.com", "new admin password")).isPresent();
        assertThat(count("SELECT count(*) FROM invitekit_accounts WHERE platform_role = 'PLATFORM_ADMIN'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM invitekit_bootstrap_markers WHERE name = 'first_admin'")).isEqualTo(1);
    }

    private void insertAccount(String email, String platformRole) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO invitekit_accounts (id, email, password_hash, first_name, last_name, "
                        + "platform_role, created_at) VALUES (:id, :email, 'not a real hash', 'Old', 'Timer', :role, :at)")
                .bind("id", UUID.randomUUID()).bind("email", email).bind("role", platformRole)
                .bind("at", Instant.parse("2025-01-01T00:00:00Z")).execute());
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static Invitekit kit(JdbiStorage storage) {
        return Invitekit.builder().storage(storage).mailSender(new RecordingMailSender())
                .passwordHasher(new FastInsecurePasswordHasher(RANDOM)).random(RANDOM).build();
    }
}
