package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Dialect;
import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.JdbiSetup;
import io.invitekit.adapter.jdbi.internal.MigrationConnections;
import io.invitekit.adapter.jdbi.internal.StoreExceptions;
import io.invitekit.application.port.out.Accounts;
import io.invitekit.application.port.out.AuditLog;
import io.invitekit.application.port.out.BootstrapMarkers;
import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.Sessions;
import io.invitekit.application.port.out.Storage;
import io.invitekit.application.port.out.StoreUnavailableException;
import io.invitekit.application.port.out.SubdomainRegistry;
import io.invitekit.application.port.out.TenantInvitations;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.application.port.out.Transactions;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * Every persistence port on one relational database, H2 (in PostgreSQL mode, the embedded
 * default) or PostgreSQL, sharing one set of transactions. The schema comes from the Flyway
 * migrations in {@code db/migration}.
 *
 * <pre>{@code
 * DataSource pool = Databases.pool(DatabaseSettings.defaults());
 * Storage storage = JdbiStorage.migrateAndCreate(pool);
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
    private final Handles handles;
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

    private JdbiStorage(Handles handles) {
        this.handles = handles;
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
    }

    /** Brings the schema up to date, then connects the ports: what a server does on start. */
    public static JdbiStorage migrateAndCreate(DataSource dataSource) {
        migrate(dataSource);
        return create(dataSource);
    }

    /**
     * Applies the migrations the database does not have yet; safe to run from several processes
     * at once (Flyway locks its history table). Migrations run without the short timeouts that
     * {@link Databases#pool} gives requests on PostgreSQL (they are bound by half an hour).
     *
     * @return how many migrations were applied
     * @throws StoreUnavailableException when the database cannot be reached or refuses a migration
     */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try {
            return Flyway.configure()
                    .dataSource(MigrationConnections.of(dataSource))
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (RuntimeException failure) {
            throw StoreExceptions.translate(failure);
        }
    }

    /**
     * Connects the ports to a database whose schema is already migrated.
     *
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws IllegalArgumentException  when it is neither H2 nor PostgreSQL
     */
    public static JdbiStorage create(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Jdbi jdbi = JdbiSetup.create(dataSource);
        String product;
        try {
            product = jdbi.withHandle(handle -> handle.getConnection().getMetaData().getDatabaseProductName());
        } catch (RuntimeException | SQLException failure) {
            throw StoreExceptions.translate(failure);
        }
        return new JdbiStorage(new Handles(jdbi, Dialect.fromProductName(product)));
    }

    /** Whether the database answers now: for readiness checks. Never throws. */
    public boolean isAvailable() {
        try {
            return handles.call(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException unavailable) {
            return false;
        }
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
}
