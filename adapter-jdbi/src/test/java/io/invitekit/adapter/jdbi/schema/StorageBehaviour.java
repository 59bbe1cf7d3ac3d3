package io.invitekit.adapter.jdbi.schema;

import static io.invitekit.adapter.jdbi.testing.Fixtures.NOW;
import static io.invitekit.adapter.jdbi.testing.Fixtures.account;
import static io.invitekit.adapter.jdbi.testing.Fixtures.digest;
import static io.invitekit.adapter.jdbi.testing.Fixtures.email;
import static io.invitekit.adapter.jdbi.testing.Fixtures.invitation;
import static io.invitekit.adapter.jdbi.testing.Fixtures.joinCode;
import static io.invitekit.adapter.jdbi.testing.Fixtures.nextId;
import static io.invitekit.adapter.jdbi.testing.Fixtures.plainTenant;
import static io.invitekit.adapter.jdbi.testing.Fixtures.session;
import static io.invitekit.adapter.jdbi.testing.Fixtures.subdomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.invitekit.adapter.jdbi.DatabaseSettings;
import io.invitekit.adapter.jdbi.Databases;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.EventType;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import io.invitekit.testing.Concurrently;
import io.invitekit.testing.Concurrently.Outcome;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** What only a real database shows: isolation, the schema's own constraints, the audit rows, migrations. */
public abstract class StorageBehaviour {

    protected abstract TestDatabase database();

    private Storage storage() {
        return database().storage();
    }

    @Test
    void writes_are_invisible_to_other_connections_until_the_transaction_commits() throws Exception {
        Account account = account(email("isolated"));

        storage().transactions().run(() -> {
            storage().accounts().add(account);
            assertThat(storage().accounts().byId(account.id())).contains(account);
            Optional<Account> seenElsewhere = CompletableFuture
                    .supplyAsync(() -> storage().accounts().byId(account.id()))
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
            assertThat(seenElsewhere).isEmpty();
        });

        assertThat(CompletableFuture.supplyAsync(() -> storage().accounts().byId(account.id())).get(10, TimeUnit.SECONDS))
                .contains(account);
    }

    @Test
    void a_conflict_the_caller_catches_still_dooms_its_transaction_on_every_database() {
        Account taken = account(email("taken"));
        storage().accounts().add(taken);
        Account before = account(email("before"));
        Account after = account(email("after"));

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            storage().accounts().add(before);
            assertThatThrownBy(() -> storage().accounts().add(account(taken.email())))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
            // PostgreSQL would refuse this statement ("current transaction is aborted"); H2 would run it.
            try {
                storage().accounts().add(after);
            } catch (RuntimeException refusedOnPostgres) {
                assertThat(refusedOnPostgres).isInstanceOf(StoreUnavailableException.class);
            }
        })).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));

        assertThat(storage().accounts().byIds(List.of(before.id(), after.id()))).isEmpty();
        assertThat(storage().accounts().byId(taken.id())).contains(taken);
    }

    @Test
    void audit_events_are_written_with_their_details_and_rolled_back_with_their_transaction() {
        UUID kept = UUID.randomUUID();
        UUID dropped = UUID.randomUUID();
        io.invitekit.domain.tenant.TenantId noTenant = null;
        String noSubject = null;
        Tenant tenant = plainTenant(subdomain("audited"));
        storage().auditLog().record(new AuditEvent(kept, NOW, new UserId(nextId()), EventType.TENANT_CREATED, tenant.id(),
                "subject-1", Map.of("subdomain", "a&b=c", "note", "ü 100%")));
        assertThatThrownBy(() -> storage().transactions().run(() -> {
            UserId system = null; // an event of no actor, about no tenant and no subject: only what must be there
            storage().auditLog().record(new AuditEvent(dropped, NOW, system, EventType.TENANT_CREATED, noTenant, noSubject, Map.of()));
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        Map<String, Object> row = database().jdbi().withHandle(h -> h.createQuery(
                "SELECT action, subject, details, tenant_id FROM invitekit_audit_events WHERE id = :id").bind("id", kept)
                .mapToMap().one());
        assertThat(row).containsEntry("action", "tenant.created").containsEntry("subject", "subject-1")
                .containsEntry("details", "note=%C3%BC+100%25&subdomain=a%26b%3Dc");
        assertThat(database().count("SELECT count(*) FROM invitekit_audit_events WHERE id = ?", dropped)).isZero();
    }

    @Test
    void the_schema_itself_refuses_what_the_invariants_forbid() {
        TenantInvitation pending = invitation(email("direct"));
        storage().invitations().add(pending);
        Tenant tenant = plainTenant(subdomain("direct"));
        storage().tenants().add(tenant);
        storage().joinCodes().add(joinCode(tenant.id(), null, 2));

        // Another process writing around the adapter still meets the constraints.
        assertThatThrownBy(() -> database().jdbi().useHandle(h -> h.execute(
                "UPDATE invitekit_tenant_invitations SET pending_email = NULL WHERE id = ?", pending.id().value())))
                .isInstanceOf(UnableToExecuteStatementException.class);
        assertThatThrownBy(() -> database().jdbi().useHandle(h -> h.execute(
                "INSERT INTO invitekit_join_codes (id, tenant_id, code, active_tenant_id, created_at, uses) "
                        + "VALUES (?, ?, 'ZZZZZZZZ', ?, CURRENT_TIMESTAMP, 0)", nextId(), tenant.id().value(),
                tenant.id().value()))).isInstanceOf(UnableToExecuteStatementException.class);
        assertThatThrownBy(() -> database().jdbi().useHandle(h -> h.execute(
                "UPDATE invitekit_join_codes SET uses = 3 WHERE tenant_id = ?", tenant.id().value())))
                .isInstanceOf(UnableToExecuteStatementException.class);
        assertThatThrownBy(() -> database().jdbi().useHandle(h -> h.execute(
                "INSERT INTO invitekit_subdomain_claims (subdomain, tenant_id, invitation_id, reserved_until) "
                        + "VALUES ('both-holders', ?, ?, CURRENT_TIMESTAMP)", tenant.id().value(), pending.id().value())))
                .isInstanceOf(UnableToExecuteStatementException.class);
        assertThatThrownBy(() -> database().jdbi().useHandle(h -> h.execute(
                "INSERT INTO invitekit_memberships (tenant_id, user_id, role, joined_at) VALUES (?, ?, 'MEMBER', CURRENT_TIMESTAMP)",
                UUID.randomUUID(), UUID.randomUUID()))).isInstanceOf(UnableToExecuteStatementException.class);
    }

    @Test
    void of_two_refreshes_with_one_token_at_once_exactly_one_rotates() throws Exception {
        Session session = session(new UserId(nextId()));
        storage().sessions().add(session);

        List<Outcome<Boolean>> outcomes = Concurrently.run(8, i -> storage().sessions().rotate(session.refreshDigest(),
                new Session(session.id(), session.userId(), digest(), digest(), session.createdAt(),
                        NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)))));

        assertThat(outcomes).allMatch(Outcome::succeeded);
        assertThat(outcomes.stream().filter(Outcome::value)).hasSize(1);
    }

    @Test
    void migrating_again_applies_nothing_and_the_history_has_the_schema() {
        assertThat(JdbiStorage.migrate(database().dataSource())).isZero();
        assertThat(database().count("SELECT count(*) FROM invitekit_schema_history WHERE version = '1' AND success")).isEqualTo(1);
        assertThat(storage()).isInstanceOfSatisfying(JdbiStorage.class, jdbi -> {
            assertThat(jdbi.isAvailable()).isTrue();
            assertThat(jdbi.isPostgreSql()).isEqualTo(database().kind() == TestDatabase.Kind.POSTGRES);
        });
    }

    @Test
    void upgrading_a_v1_database_counts_the_tenants_each_user_owns_and_leaves_joining_by_code_on() throws Exception {
        boolean postgres = database().kind() == TestDatabase.Kind.POSTGRES;
        String base = postgres ? TestDatabase.requirePostgresUrl() : null;
        String schema = "up_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        // H2: gone once the pool's connections close (no DB_CLOSE_DELAY here).
        String url = postgres ? base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema
                : "jdbc:h2:mem:" + schema + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        if (postgres) {
            onBase(base, "CREATE SCHEMA " + schema);
        }
        try (HikariDataSource pool = Databases.pool(DatabaseSettings.of(url))) {
            Flyway.configure().dataSource(pool).locations("classpath:db/invitekit-0.1/migration").target("1").load().migrate();
            UUID owner = nextId();
            UUID member = nextId();
            List<UUID> tenants = List.of(nextId(), nextId(), nextId());
            Jdbi.create(pool).useHandle(h -> {
                for (int i = 0; i < tenants.size(); i++) {
                    h.execute("INSERT INTO tenants (id, name, subdomain, tier, permissions, feature_flags, active, created_at) "
                            + "VALUES (?, ?, ?, 'FREE', '', '', ?, ?)", tenants.get(i), "T" + i, "upgraded-" + i, i != 1,
                            Timestamp.from(NOW));
                }
                String membership = "INSERT INTO memberships (tenant_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)";
                h.execute(membership, tenants.get(0), owner, "OWNER", Timestamp.from(NOW));
                h.execute(membership, tenants.get(1), owner, "OWNER", Timestamp.from(NOW)); // deactivated: counts too
                h.execute(membership, tenants.get(2), member, "OWNER", Timestamp.from(NOW));
                h.execute(membership, tenants.get(0), member, "MEMBER", Timestamp.from(NOW));
            });

            JdbiStorage upgraded = JdbiStorage.migrateAndCreate(pool);

            assertThat(upgraded.memberships().ownedTenants(new UserId(owner))).isEqualTo(2);
            assertThat(upgraded.memberships().ownedTenants(new UserId(member))).isEqualTo(1);
            assertThat(tenants).allSatisfy(tenant -> assertThat(upgraded.joinCodes().joiningOn(new TenantId(tenant))).isTrue());
            assertThat(upgraded.memberships().countOwnedTenant(new UserId(owner), Limit.of(2))).isFalse();
        } finally {
            if (postgres) {
                onBase(base, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void onBase(String url, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void the_rate_limit_table_has_the_shape_bucket4j_expects() {
        byte[] state = {0, 1, 2, (byte) 0xff};
        database().jdbi().useHandle(h -> h.execute(
                "INSERT INTO invitekit_bucket (id, state, expires_at) VALUES (?, ?, ?)", "join_failures_account/user-1", state,
                1_900_000_000_000L));

        Map<String, Object> row = database().jdbi().withHandle(h -> h.createQuery(
                "SELECT id, state, expires_at FROM invitekit_bucket").mapToMap().one());
        assertThat(row.get("id")).isEqualTo("join_failures_account/user-1");
        assertThat((byte[]) row.get("state")).containsExactly(state);
        assertThat(((Number) row.get("expires_at")).longValue()).isEqualTo(1_900_000_000_000L);
        assertThatThrownBy(() -> database().jdbi().useHandle(h -> h.execute(
                "INSERT INTO invitekit_bucket (id, state) VALUES (?, NULL)", "join_failures_account/user-1")))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }
}
