package io.invitekit.adapter.jdbi.schema;

import static io.invitekit.adapter.jdbi.testing.Fixtures.NOW;
import static io.invitekit.adapter.jdbi.testing.Fixtures.account;
import static io.invitekit.adapter.jdbi.testing.Fixtures.code;
import static io.invitekit.adapter.jdbi.testing.Fixtures.email;
import static io.invitekit.adapter.jdbi.testing.Fixtures.invitation;
import static io.invitekit.adapter.jdbi.testing.Fixtures.nextId;
import static io.invitekit.adapter.jdbi.testing.Fixtures.plainTenant;
import static io.invitekit.adapter.jdbi.testing.Fixtures.session;
import static io.invitekit.adapter.jdbi.testing.Fixtures.subdomain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.adapter.jdbi.InvitekitJdbiPlugin;
import io.invitekit.adapter.jdbi.JdbiStorage;
import io.invitekit.adapter.jdbi.testing.ScratchDatabase;
import io.invitekit.adapter.jdbi.testing.TestDatabase;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.TenantInvitations.InvitationFilter;
import io.invitekit.domain.account.Account;
import io.invitekit.domain.account.PlatformRole;
import io.invitekit.domain.account.Session;
import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.invitation.TenantInvitation;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.DomainException;
import io.invitekit.domain.shared.ErrorCode;
import io.invitekit.domain.shared.Name;
import io.invitekit.domain.tenant.Limit;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import io.invitekit.domain.account.UserId;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Arguments;
import org.jdbi.v3.core.mapper.ColumnMappers;
import org.jdbi.v3.core.statement.HashPrefixSqlParser;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invitekit in a host application's database: beside the host's own {@code accounts},
 * {@code sessions}, {@code tenants} and {@code flyway_schema_history}, which it never changes nor
 * mistakes for its own; through the host's own {@code Jdbi}; and the upgrade of a database made by
 * Invitekit 0.1 (unprefixed tables, Flyway's default history), adopted in place at start.
 */
public abstract class BesideTheHost {
    /** The tables of the host that share names with Invitekit 0.1's, and the host's Flyway history. */
    private static final List<String> HOST_TABLES = List.of("accounts", "sessions", "tenants", "flyway_schema_history");

    private static final String PREFIXED_TABLES = "SELECT count(*) FROM information_schema.tables "
            + "WHERE table_schema = CURRENT_SCHEMA AND table_name LIKE 'invitekit%'";

    protected abstract TestDatabase.Kind kind();

    private ScratchDatabase database;

    @BeforeEach
    void emptyDatabase() throws SQLException {
        database = ScratchDatabase.of(kind());
    }

    @AfterEach
    void drop() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void invitekit_migrates_beside_the_hosts_own_tables_and_history_and_changes_none_of_them() {
        Flyway host = hostFlyway();
        host.migrate();
        Map<String, Object> before = hostSnapshot();

        JdbiStorage storage = JdbiStorage.migrateAndCreate(database.pool());

        assertThat(count("SELECT count(*) FROM invitekit_schema_history WHERE version IN ('1', '2', '3') AND success"))
                .as("Invitekit's own history").isEqualTo(3);
        Account account = account(email("beside"));
        storage.accounts().add(account);
        assertThat(storage.accounts().byEmail(account.email())).contains(account);
        assertThatThrownBy(() -> storage.accounts().add(account(account.email())))
                .as("its own unique email, under its own prefixed name")
                .isInstanceOfSatisfying(DomainException.class, refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
        Tenant tenant = plainTenant(subdomain("beside"));
        storage.tenants().add(tenant);
        assertThat(storage.tenants().byId(tenant.id())).contains(tenant);
        assertThat(count("SELECT count(*) FROM invitekit_accounts")).isEqualTo(1);

        assertThat(hostSnapshot()).as("the host's tables, constraints, rows and history").isEqualTo(before);
        assertThat(host.validateWithResult().validationSuccessful).as("the host's Flyway sees only its own").isTrue();
        assertThat(host.info().pending()).isEmpty();

        assertThat(JdbiStorage.migrate(database.pool())).as("starting again: nothing to do, nothing adopted").isZero();
        assertThat(hostSnapshot()).isEqualTo(before);
        host.migrate(); // the host's Flyway keeps working on its own history
        assertThat(hostSnapshot()).isEqualTo(before);
    }

    @Test
    void invitekit_works_through_the_hosts_jdbi_and_leaves_its_configuration_alone() {
        hostFlyway().migrate();
        JdbiStorage.migrate(database.pool());
        // A host that writes its SQL differently: no templates, #named parameters.
        Jdbi hostJdbi = Jdbi.create(database.pool());
        NoTemplateEngine noTemplates = new NoTemplateEngine();
        hostJdbi.getConfig(SqlStatements.class).setTemplateEngine(noTemplates)
                .setSqlParser(new HashPrefixSqlParser());
        Class<?> instantArgument = instantArgumentClass(hostJdbi);
        Class<?> instantMapper = hostJdbi.getConfig(ColumnMappers.class).findFor(Instant.class).orElseThrow().getClass();

        JdbiStorage storage = JdbiStorage.create(hostJdbi);
        hostJdbi.installPlugin(new InvitekitJdbiPlugin()); // as a host would install it too: once is what counts

        Account account = account(email("host-jdbi"));
        storage.accounts().add(account);
        assertThat(storage.accounts().byEmail(account.email())).contains(account);
        TenantInvitation invitation = invitation(email("host-jdbi-invitee"));
        storage.invitations().add(invitation);
        assertThat(storage.invitations().list(InvitationFilter.all(NOW), null, 10)).containsExactly(invitation);

        String hostName = hostJdbi.withHandle(h -> h.createQuery("SELECT display_name FROM accounts WHERE id = #id")
                .bind("id", 1L).mapTo(String.class).one());
        assertThat(hostName).as("the host's own statements").isEqualTo("Ada");
        assertThat(hostJdbi.getConfig(SqlStatements.class).getTemplateEngine()).isSameAs(noTemplates);
        assertThat(hostJdbi.getConfig(SqlStatements.class).getSqlParser()).isInstanceOf(HashPrefixSqlParser.class);
        assertThat(instantArgumentClass(hostJdbi)).as("how the host binds instants").isEqualTo(instantArgument);
        assertThat(hostJdbi.getConfig(ColumnMappers.class).findFor(Instant.class).orElseThrow().getClass())
                .as("how the host reads instants").isEqualTo(instantMapper);
    }

    @Test
    void a_database_of_invitekit_0_1_is_adopted_in_place_with_its_rows_and_history() {
        Legacy legacy = databaseOfRelease01();
        Map<String, Object> legacyHistory = rows("SELECT version, description, installed_on, success "
                + "FROM flyway_schema_history ORDER BY installed_rank");

        JdbiStorage storage = JdbiStorage.migrateAndCreate(database.pool());

        assertThat(storage.accounts().byEmail(legacy.admin.email()))
                .as("V7 counts a platform admin's email as verified").contains(legacy.admin.verifiedAt(legacy.admin.createdAt()));
        assertThat(storage.accounts().anyPlatformAdmin()).isTrue();
        assertThat(storage.bootstrapMarkers().isPlaced("first_admin")).isTrue();
        assertThat(storage.sessions().byAccessDigest(legacy.session.accessDigest())).contains(legacy.session);
        Tenant tenant = storage.tenants().byId(legacy.tenant).orElseThrow();
        assertThat(tenant.name()).isEqualTo(Name.of("Old Bakery"));
        assertThat(tenant.subdomain().value()).isEqualTo("old-bakery");
        assertThat(storage.memberships().find(legacy.tenant, legacy.admin.id()).orElseThrow().role()).isEqualTo(Role.OWNER);
        assertThat(storage.memberships().ownedTenants(legacy.admin.id())).isEqualTo(1);
        // V10 counted the tenant's owner: with a second one, the first may step down, and then the second may not.
        assertThat(storage.memberships().changeRole(legacy.tenant, legacy.admin.id(), Role.OWNER, Role.ADMIN))
                .isEqualTo(Memberships.Change.LAST_OWNER);
        UserId heir = new UserId(nextId());
        assertThat(storage.memberships().add(new Membership(legacy.tenant, heir, Role.OWNER, NOW), Limit.UNLIMITED))
                .isEqualTo(Memberships.AddOutcome.ADDED);
        assertThat(storage.memberships().changeRole(legacy.tenant, legacy.admin.id(), Role.OWNER, Role.ADMIN))
                .isEqualTo(Memberships.Change.DONE);
        assertThat(storage.memberships().remove(legacy.tenant, heir, Role.OWNER)).isEqualTo(Memberships.Change.LAST_OWNER);
        assertThat(storage.joinCodes().activeByCode(legacy.code).orElseThrow().tenantId()).isEqualTo(legacy.tenant);
        assertThat(count("SELECT count(*) FROM invitekit_bucket WHERE id = 'join_failures_account/old'")).isEqualTo(1);

        Map<String, Object> history = rows("SELECT version, description, installed_on, success FROM invitekit_schema_history "
                + "ORDER BY installed_rank");
        assertThat(history).as("the history, moved, then the migrations added since 0.1")
                .containsAllEntriesOf(legacyHistory).hasSize(legacyHistory.size() + 11);
        assertThat(history.get(Integer.toString(legacyHistory.size()))).asString()
                .contains("version=4").contains("inviter name");
        assertThat(history.get(Integer.toString(legacyHistory.size() + 1))).asString()
                .contains("version=5").contains("retired refresh tokens");
        assertThat(history.get(Integer.toString(legacyHistory.size() + 2))).asString()
                .contains("version=6").contains("password resets");
        assertThat(history.get(Integer.toString(legacyHistory.size() + 3))).asString()
                .contains("version=7").contains("email verification");
        assertThat(history.get(Integer.toString(legacyHistory.size() + 4))).asString()
                .contains("version=8").contains("session details");
        assertThat(history.get(Integer.toString(legacyHistory.size() + 5))).asString()
                .contains("version=9").contains("outbox request id");
        assertThat(history.get(Integer.toString(legacyHistory.size() + 6))).asString()
                .contains("version=10").contains("members");
        assertThat(history.get(Integer.toString(legacyHistory.size() + 7))).asString()
                .contains("version=11").contains("event dispatch");
        assertThat(history.get(Integer.toString(legacyHistory.size() + 8))).asString()
                .contains("version=12").contains("webhooks");
        assertThat(history.get(Integer.toString(legacyHistory.size() + 9))).asString()
                .contains("version=13").contains("locales");
        assertThat(history.get(Integer.toString(legacyHistory.size() + 10))).asString()
                .contains("version=14").contains("admin search");
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA "
                + "AND table_name IN ('accounts', 'tenants', 'tenant_invitations', 'bucket', 'flyway_schema_history')"))
                .as("nothing of the old layout left").isZero();
        assertThat(JdbiStorage.migrate(database.pool())).as("validated against today's scripts, nothing to apply").isZero();

        // The app works on it: the renamed constraints still say what they refuse.
        assertThatThrownBy(() -> storage.accounts().add(account(legacy.admin.email())))
                .isInstanceOfSatisfying(DomainException.class, refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
        TenantInvitation invitation = invitation(email("after-upgrade"));
        storage.invitations().add(invitation);
        assertThat(storage.invitations().byId(invitation.id())).contains(invitation);
        assertThatThrownBy(() -> storage.invitations().add(invitation(invitation.email())))
                .isInstanceOfSatisfying(DomainException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.INVITATION_PENDING_EXISTS));

        // No old name is left to collide with: the host's own schema, with the names 0.1 used, fits beside it.
        // (Invitekit's tables are there first, so the host's Flyway starts its history below its V1.)
        assertThat(Flyway.configure().configuration(hostFlyway().getConfiguration())
                .baselineOnMigrate(true).baselineVersion("0").load().migrate().migrationsExecuted).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(2);
        assertThat(storage.accounts().byEmail(legacy.admin.email()))
                .as("V7 counts a platform admin's email as verified").contains(legacy.admin.verifiedAt(legacy.admin.createdAt()));
    }

    @Test
    void a_database_of_0_1_whose_history_is_not_invitekits_alone_or_is_gone_is_refused_and_left_as_it_was() {
        Legacy legacy = databaseOfRelease01();
        jdbi().useHandle(h -> h.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
                + "script, checksum, installed_by, installed_on, execution_time, success) VALUES "
                + "(99, '4', 'host table', 'SQL', 'V4__host_table.sql', 1, 'host', CURRENT_TIMESTAMP, 1, TRUE)"));

        assertThatThrownBy(() -> JdbiStorage.migrate(database.pool()))
                .as("a history shared with someone else's migrations").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V4__host_table.sql");
        assertThat(count(PREFIXED_TABLES)).isZero();
        assertThat(count("SELECT count(*) FROM accounts WHERE id = '" + legacy.admin.id().value() + "'")).isEqualTo(1);

        jdbi().useHandle(h -> h.execute("DROP TABLE flyway_schema_history"));
        assertThatThrownBy(() -> JdbiStorage.migrate(database.pool()))
                .as("Invitekit's tables, with no history that records them").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not record");
        assertThat(count(PREFIXED_TABLES)).as("no empty schema migrated beside the data").isZero();
        assertThat(count("SELECT count(*) FROM accounts WHERE id = '" + legacy.admin.id().value() + "'")).isEqualTo(1);
    }

    /** The host's Flyway: all defaults (history {@code flyway_schema_history}), its own scripts. */
    private Flyway hostFlyway() {
        return Flyway.configure().dataSource(database.pool()).locations("classpath:db/host/migration").load();
    }

    protected record Legacy(Account admin, Session session, TenantId tenant, InviteCode code) {
    }

    protected ScratchDatabase database() {
        return database;
    }

    /** The schema as today's release (0.1) leaves it: its V1..V3 in Flyway's default history, and some rows. */
    protected Legacy databaseOfRelease01() {
        Flyway release01 = Flyway.configure().dataSource(database.pool())
                .locations("classpath:db/invitekit-0.1/migration").load();
        assertThat(release01.migrate().migrationsExecuted).as("today's release: V1..V3, default history").isEqualTo(3);
        return legacyRows();
    }

    /** Rows as Invitekit 0.1 wrote them, in its unprefixed tables. */
    private Legacy legacyRows() {
        Account admin = account(email("old-admin"), PlatformRole.PLATFORM_ADMIN);
        Session session = session(admin.id());
        TenantId tenant = new TenantId(nextId());
        InviteCode code = code();
        jdbi().useTransaction(h -> {
            h.execute("INSERT INTO accounts (id, email, password_hash, first_name, last_name, platform_role, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", admin.id().value(), admin.email().value(),
                    admin.passwordHash().encoded(), admin.firstName().value(), admin.lastName().value(),
                    admin.platformRole().name(), admin.createdAt());
            h.execute("INSERT INTO bootstrap_markers (name, placed_at) VALUES ('first_admin', ?)", NOW);
            h.execute("INSERT INTO sessions (id, user_id, access_digest, refresh_digest, created_at, access_expires_at, "
                    + "refresh_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", session.id().value(), admin.id().value(),
                    session.accessDigest().hex(), session.refreshDigest().hex(), session.createdAt(),
                    session.accessExpiresAt(), session.refreshExpiresAt());
            h.execute("INSERT INTO tenants (id, name, subdomain, tier, permissions, feature_flags, max_users, max_resources, "
                    + "active, created_at, member_count) VALUES (?, 'Old Bakery', 'old-bakery', 'FREE', '', '', 6, 10, TRUE, ?, 1)",
                    tenant.value(), NOW);
            h.execute("INSERT INTO tenant_domains (domain_name, tenant_id, primary_of, created_at) "
                    + "VALUES ('old-bakery.invitekit.test', ?, ?, ?)", tenant.value(), tenant.value(), NOW);
            h.execute("INSERT INTO subdomain_claims (subdomain, tenant_id) VALUES ('old-bakery', ?)", tenant.value());
            h.execute("INSERT INTO memberships (tenant_id, user_id, role, joined_at) VALUES (?, ?, 'OWNER', ?)",
                    tenant.value(), admin.id().value(), NOW);
            h.execute("INSERT INTO owned_tenant_counts (user_id, owned) VALUES (?, 1)", admin.id().value());
            h.execute("INSERT INTO join_codes (id, tenant_id, code, active_tenant_id, created_at, uses) "
                    + "VALUES (?, ?, ?, ?, ?, 0)", nextId(), tenant.value(), code.value(), tenant.value(), NOW);
            h.execute("INSERT INTO bucket (id, state, expires_at) VALUES ('join_failures_account/old', NULL, 1)");
        });
        return new Legacy(admin, session, tenant, code);
    }

    /** The host's tables as the host sees them: columns, constraints and rows. */
    private Map<String, Object> hostSnapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        for (String table : HOST_TABLES) {
            snapshot.put(table + " columns", rows("SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                    + "WHERE table_schema = CURRENT_SCHEMA AND table_name = '" + table + "' ORDER BY ordinal_position"));
            snapshot.put(table + " constraints", rows("SELECT constraint_name, constraint_type FROM "
                    + "information_schema.table_constraints WHERE table_schema = CURRENT_SCHEMA AND table_name = '" + table
                    + "' AND constraint_type <> 'CHECK' ORDER BY constraint_name"));
            snapshot.put(table + " rows", rows("SELECT * FROM " + table + " ORDER BY 1"));
        }
        assertThat(snapshot.get("accounts rows").toString()).contains("ada@host.test");
        assertThat(snapshot.get("flyway_schema_history rows").toString()).contains("V1__schema.sql");
        return snapshot;
    }

    private Map<String, Object> rows(String sql) {
        Map<String, Object> rows = new LinkedHashMap<>();
        List<Map<String, Object>> list = Jdbi.create(database.pool()).withHandle(h -> h.createQuery(sql).mapToMap().list());
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            list.get(i).forEach((column, value) -> row.put(column, String.valueOf(value)));
            rows.put(Integer.toString(i), row);
        }
        return rows;
    }

    protected long count(String sql) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private Jdbi jdbi() {
        return TestDatabase.invitekitJdbi(database.pool());
    }

    private static Class<?> instantArgumentClass(Jdbi jdbi) {
        return jdbi.getConfig(Arguments.class).findFor(Instant.class, NOW).orElseThrow().getClass();
    }
}
