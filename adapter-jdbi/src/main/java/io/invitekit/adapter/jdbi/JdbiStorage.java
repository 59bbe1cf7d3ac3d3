package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Dialect;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.JdbiSetup;
import io.invitekit.adapter.jdbi.internal.LegacyLayout;
import io.invitekit.adapter.jdbi.internal.MigrationConnections;
import io.invitekit.adapter.jdbi.internal.StoreExceptions;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.AuditLog;
import io.invitekit.application.port.out.BootstrapMarkers;
import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.application.port.out.MemberInvitations;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.EmailVerifications;
import io.invitekit.application.port.out.PasswordResets;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;

/**
 * Every persistence port on one relational database, H2 (in PostgreSQL mode, the embedded
 * default) or PostgreSQL, sharing one set of transactions. The schema comes from the Flyway
 * migrations in {@code db/invitekit/migration}, with their history in
 * {@code invitekit_schema_history}: every table, constraint and index name starts with a
 * {@link TablePrefix} ({@code invitekit_} by default), so the schema sits beside a host
 * application's own tables and its own Flyway history, which it never touches.
 *
 * <pre>{@code
 * DataSource pool = Databases.pool(DatabaseSettings.defaults());
 * Storage storage = JdbiStorage.migrateAndCreate(pool);
 * }</pre>
 *
 * <p>A host with a {@code Jdbi} of its own migrates, then hands it over; Invitekit opens its
 * handles from it (so they share its connections) and sets up only those handles
 * ({@link InvitekitJdbiPlugin}):
 *
 * <pre>{@code
 * JdbiStorage.migrate(hostDataSource);
 * Storage storage = JdbiStorage.create(hostJdbi);
 * }</pre>
 *
 * <p>Failures never leave as Jdbi, JDBC or Flyway exceptions: a database that cannot be reached,
 * or that fails, shows as {@link StoreUnavailableException}; the conflicts the ports document
 * show as their domain refusals. A statement that fails inside a transaction dooms it: the
 * outermost {@code inTransaction} rolls back and throws that failure, even if the caller caught it.
 *
 * <p>Transactions are bound to the thread and to this instance: build one {@code JdbiStorage} per
 * database and share it. {@link Outbox#claimDue} always commits on a connection of its own, so
 * a pool needs a second connection for a claim made inside a transaction.
 */
public final class JdbiStorage implements Storage {
    /** Where the migrations are: not Flyway's default {@code db/migration}, which a host's Flyway reads. */
    static final String MIGRATIONS = "classpath:db/invitekit/migration";
    private final Handles handles;
    private final TablePrefix prefix;
    private final Transactions transactions;
    private final TenantInvitations invitations;
    private final SubdomainRegistry subdomains;
    private final Tenants tenants;
    private final Accounts accounts;
    private final Memberships memberships;
    private final JoinCodes joinCodes;
    private final Sessions sessions;
    private final Outbox outbox;
    private final AuditLog auditLog;
    private final BootstrapMarkers bootstrapMarkers;
    private final PasswordResets passwordResets;
    private final EmailVerifications emailVerifications;
    private final MemberInvitations memberInvitations;
    private final JdbiWebhookEndpoints webhookEndpoints;
    private final JdbiWebhookDeliveries webhookDeliveries;

    private JdbiStorage(Handles handles, TablePrefix prefix) {
        this.handles = handles;
        this.prefix = prefix;
        this.transactions = new JdbiTransactions(handles);
        this.invitations = new JdbiTenantInvitations(handles);
        this.subdomains = new JdbiSubdomainRegistry(handles);
        this.tenants = new JdbiTenants(handles);
        this.accounts = new JdbiAccounts(handles);
        this.memberships = new JdbiMemberships(handles);
        this.joinCodes = new JdbiJoinCodes(handles);
        this.sessions = new JdbiSessions(handles);
        this.outbox = new JdbiOutbox(handles);
        this.auditLog = new JdbiAuditLog(handles);
        this.bootstrapMarkers = new JdbiBootstrapMarkers(handles);
        this.passwordResets = new JdbiPasswordResets(handles);
        this.emailVerifications = new JdbiEmailVerifications(handles);
        this.memberInvitations = new JdbiMemberInvitations(handles);
        this.webhookEndpoints = new JdbiWebhookEndpoints(handles);
        this.webhookDeliveries = new JdbiWebhookDeliveries(handles);
    }

    /** Brings the schema up to date, then connects the ports: what a server does on start. */
    public static JdbiStorage migrateAndCreate(DataSource dataSource) {
        return migrateAndCreate(dataSource, TablePrefix.DEFAULT);
    }

    /** {@link #migrateAndCreate(DataSource)} with tables named by {@code prefix}. */
    public static JdbiStorage migrateAndCreate(DataSource dataSource, TablePrefix prefix) {
        migrate(dataSource, prefix);
        return create(dataSource, prefix);
    }

    /** {@link #migrate(DataSource, TablePrefix)} with the {@linkplain TablePrefix#DEFAULT default prefix}. */
    public static int migrate(DataSource dataSource) {
        return migrate(dataSource, TablePrefix.DEFAULT);
    }

    /**
     * Applies the migrations the database does not have yet; safe to run from several processes
     * at once (Flyway locks its history table). Migrations run without the short timeouts that
     * {@link Databases#pool} gives requests on PostgreSQL (they are bound by half an hour).
     *
     * <p>The schema may hold other tables (a host's, and its own {@code flyway_schema_history}):
     * Invitekit's history is {@code <prefix>schema_history}, its scripts are in
     * {@code db/invitekit/migration}, and every name it creates starts with the prefix. A database
     * created by Invitekit 0.1 (unprefixed tables, history in {@code flyway_schema_history}) is
     * first adopted in place: renamed to the prefixed layout, its rows and history kept.
     *
     * @return how many migrations were applied
     * @throws StoreUnavailableException when the database cannot be reached or refuses a migration
     */
    public static int migrate(DataSource dataSource, TablePrefix prefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(prefix, "prefix");
        DataSource migrating = MigrationConnections.of(dataSource);
        // Several nodes starting at once on one PostgreSQL migrate one after the other: without
        // this, one node can find a schema that another has just begun (its history table created,
        // still empty) and try to baseline it. The lock is the session's, on a connection of its own,
        // released at the end (or by the server if the connection dies).
        try (Connection lock = migrating.getConnection();
             MigrationLock held = MigrationLock.take(lock, prefix)) {
            Flyway flyway = Flyway.configure()
                    .dataSource(migrating)
                    .locations(MIGRATIONS)
                    .table(prefix.historyTable())
                    .placeholders(placeholders(lock, prefix))
                    .failOnMissingLocations(true)
                    // A host's tables may be there already: start the history below V1 and migrate beside them.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .baselineDescription("beside the tables already in the schema")
                    .load();
            // Resolving the scripts (flyway.info()) reads every migration out of the jar: only for a
            // 0.1 layout to adopt, not on every start (migrate() resolves them once more itself).
            Supplier<Map<String, LegacyLayout.Script>> scripts = () -> {
                Map<String, LegacyLayout.Script> byVersion = new LinkedHashMap<>();
                for (MigrationInfo migration : flyway.info().all()) {
                    if (migration.getVersion() != null) {
                        byVersion.put(migration.getVersion().getVersion(), new LegacyLayout.Script(
                                migration.getVersion().getVersion(), migration.getDescription(), migration.getScript(),
                                migration.getChecksum()));
                    }
                }
                return byVersion;
            };
            LegacyLayout.adoptIfPresent(migrating, prefix.value(), scripts);
            return flyway.migrate().migrationsExecuted;
        } catch (RuntimeException | SQLException failure) {
            throw StoreExceptions.translate(failure);
        }
    }

    /**
     * The scripts' placeholders: the prefix, and where H2 and PostgreSQL differ in the DDL of a
     * computed search key (V14): PostgreSQL keeps it in the "C" collation, stored.
     */
    private static Map<String, String> placeholders(Connection connection, TablePrefix prefix) throws SQLException {
        boolean postgres = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName()) == Dialect.POSTGRESQL;
        return Map.of(JdbiSetup.PREFIX, prefix.value(),
                "search_key_collation", postgres ? "COLLATE \"C\"" : "",
                "generated_storage", postgres ? "STORED" : "");
    }

    /** A PostgreSQL advisory lock per schema and prefix, held for one migration; nothing on H2. */
    private record MigrationLock(Connection connection, String key) implements AutoCloseable {
        static MigrationLock take(Connection connection, TablePrefix prefix) throws SQLException {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return new MigrationLock(connection, null);
            }
            String key = "invitekit-migrate:" + prefix.value();
            try (PreparedStatement take = connection.prepareStatement(
                    "SELECT pg_advisory_lock(hashtext(current_schema() || ':' || ?))")) {
                take.setString(1, key);
                take.execute();
            }
            return new MigrationLock(connection, key);
        }

        @Override
        public void close() throws SQLException {
            if (key == null) {
                return;
            }
            try (PreparedStatement release = connection.prepareStatement(
                    "SELECT pg_advisory_unlock(hashtext(current_schema() || ':' || ?))")) {
                release.setString(1, key);
                release.execute();
            }
        }
    }

    /**
     * Connects the ports to a database whose schema is already migrated (with the default prefix).
     *
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws IllegalArgumentException  when it is neither H2 nor PostgreSQL
     */
    public static JdbiStorage create(DataSource dataSource) {
        return create(dataSource, TablePrefix.DEFAULT);
    }

    /** {@link #create(DataSource)} with tables named by {@code prefix}. */
    public static JdbiStorage create(DataSource dataSource, TablePrefix prefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(prefix, "prefix");
        return connect(JdbiSetup.create(dataSource, prefix.value()), prefix, false);
    }

    /**
     * Connects the ports through the host's {@code Jdbi}, to a database whose schema is already
     * migrated (with the default prefix). Installs {@link InvitekitJdbiPlugin} on it, which adds
     * only what Invitekit's own types need: the host's statements map as before.
     *
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws IllegalArgumentException  when it is neither H2 nor PostgreSQL
     */
    public static JdbiStorage create(Jdbi jdbi) {
        return create(jdbi, TablePrefix.DEFAULT);
    }

    /** {@link #create(Jdbi)} with tables named by {@code prefix}. */
    public static JdbiStorage create(Jdbi jdbi, TablePrefix prefix) {
        Objects.requireNonNull(jdbi, "jdbi");
        jdbi.installPlugin(new InvitekitJdbiPlugin());
        return connect(jdbi, prefix, true);
    }

    private static JdbiStorage connect(Jdbi jdbi, TablePrefix prefix, boolean hostJdbi) {
        Objects.requireNonNull(prefix, "prefix");
        String product;
        try {
            product = jdbi.withHandle(handle -> handle.getConnection().getMetaData().getDatabaseProductName());
        } catch (RuntimeException | SQLException failure) {
            throw StoreExceptions.translate(failure);
        }
        return new JdbiStorage(new Handles(jdbi, Dialect.fromProductName(product), prefix.value(), hostJdbi), prefix);
    }

    /** Whether the database answers now: for readiness checks. Never throws. */
    public boolean isAvailable() {
        try {
            return handles.call(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException unavailable) {
            return false;
        }
    }

    /** What this storage's table names start with. */
    public TablePrefix prefix() {
        return prefix;
    }

    /** {@code true} on PostgreSQL, {@code false} on H2. */
    public boolean isPostgreSql() {
        return handles.dialect() == Dialect.POSTGRESQL;
    }

    @Override
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public TenantInvitations invitations() {
        return invitations;
    }

    @Override
    public SubdomainRegistry subdomains() {
        return subdomains;
    }

    @Override
    public Tenants tenants() {
        return tenants;
    }

    @Override
    public Accounts accounts() {
        return accounts;
    }

    @Override
    public Memberships memberships() {
        return memberships;
    }

    @Override
    public JoinCodes joinCodes() {
        return joinCodes;
    }

    @Override
    public Sessions sessions() {
        return sessions;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public BootstrapMarkers bootstrapMarkers() {
        return bootstrapMarkers;
    }

    @Override
    public PasswordResets passwordResets() {
        return passwordResets;
    }

    @Override
    public EmailVerifications emailVerifications() {
        return emailVerifications;
    }

    @Override
    public MemberInvitations memberInvitations() {
        return memberInvitations;
    }

    @Override
    public io.invitekit.application.port.out.WebhookEndpoints webhookEndpoints() {
        return webhookEndpoints;
    }

    @Override
    public io.invitekit.application.port.out.WebhookDeliveries webhookDeliveries() {
        return webhookDeliveries;
    }
}
