package io.invitekit.adapter.jdbi.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Invitekit 0.1's layout (unprefixed tables, its migrations in Flyway's default history table
 * {@code flyway_schema_history}), adopted in place into the prefixed one: its tables, constraints
 * and indexes get the prefix, and its history table becomes the prefixed history table, with the
 * checksums of today's scripts (the same versions, with the prefix in every name), so that Flyway
 * goes on from where the database was. Rows stay where they are.
 *
 * <p>A database holds the legacy layout only when all of these hold, so that a host's own
 * {@code accounts}, {@code sessions}, {@code tenants} or {@code flyway_schema_history} are never
 * taken for Invitekit's: the prefixed history table does not exist; {@code flyway_schema_history}
 * records Invitekit's {@code V1__schema.sql} as applied; and Invitekit's own tables are there, with
 * their columns ({@code tenant_invitations.token_digest}, {@code subdomain_claims.reserved_until},
 * {@code outbox_messages.lease_owner}, {@code accounts.password_hash}). A legacy history that
 * also records migrations that are not Invitekit's is refused, not guessed at, and so are
 * Invitekit's tables with no legacy history that records them.
 *
 * <p>On PostgreSQL the adoption is one transaction that first locks the legacy history table,
 * then looks again: of several processes starting at once, one adopts and the others find the
 * layout adopted. H2 commits each rename on its own (an embedded H2 has one process anyway).
 */
public final class LegacyLayout {
    /** Every table of the legacy layout, as V1..V3 of Invitekit 0.1 left it. */
    static final List<String> TABLES = List.of("accounts", "sessions", "tenants", "tenant_domains", "subdomain_claims",
            "memberships", "join_codes", "tenant_invitations", "outbox_messages", "audit_events", "bucket",
            "owned_tenant_counts", "bootstrap_markers");
    /** Its indexes that are not a constraint's ({@code ix_memberships_user} is there only before V2). */
    static final List<String> INDEXES = List.of("ix_accounts_platform_role", "ix_sessions_user", "ix_tenants_active",
            "ix_tenant_domains_tenant", "ix_subdomain_claims_invitation", "ix_memberships_user",
            "ix_memberships_user_page", "ix_join_codes_tenant", "ix_tenant_invitations_status",
            "ix_tenant_invitations_email", "ix_tenant_invitations_lapses_at", "ix_outbox_messages_due",
            "ix_outbox_messages_aggregate", "ix_outbox_messages_status", "ix_audit_events_tenant",
            "ix_audit_events_occurred_at", "ix_bucket_expires_at");
    /** The tables and indexes a later migration of 0.1 added: name → its version. The others came with V1. */
    private static final Map<String, String> ADDED_BY = Map.of("owned_tenant_counts", "2",
            "ix_memberships_user_page", "2", "bootstrap_markers", "3");
    /** The indexes a later migration of 0.1 dropped: name → its version. */
    private static final Map<String, String> DROPPED_BY = Map.of("ix_memberships_user", "2");
    /** The scripts Invitekit 0.1 recorded in the legacy history. */
    static final Set<String> SCRIPTS = Set.of("V1__schema.sql", "V2__join_code_switch_owned_tenants_membership_pages.sql",
            "V3__bootstrap_markers.sql");
    static final String LEGACY_HISTORY = "flyway_schema_history";
    /** Columns only Invitekit's tables have: table → column. */
    private static final Map<String, String> SIGNATURE = Map.of("tenant_invitations", "token_digest",
            "subdomain_claims", "reserved_until", "outbox_messages", "lease_owner", "accounts", "password_hash");

    /** Today's version of a script the legacy history may record. */
    public record Script(String version, String description, String script, Integer checksum) {
    }

    private LegacyLayout() {
    }

    /**
     * Adopts the legacy layout when the database holds it.
     *
     * @param scripts today's scripts (as Flyway resolves them), by version; asked for only when there is a layout to adopt
     * @return whether it adopted it (else it changed nothing)
     * @throws IllegalStateException when the legacy history records migrations that are not
     *                               Invitekit's, or Invitekit's tables are there without it
     */
    public static boolean adoptIfPresent(DataSource dataSource, String prefix, Supplier<Map<String, Script>> scripts)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!holdsLegacyLayout(connection, prefix)) {
                refuseUnrecordedTables(connection, prefix);
                return false;
            }
            boolean postgres = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName())
                    == Dialect.POSTGRESQL;
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (postgres && !lockedAndStillThere(connection, prefix)) { // another process adopted it meanwhile
                    connection.rollback();
                    return false;
                }
                adopt(connection, prefix, scripts.get());
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Locks the legacy history, then looks again: {@code false} when another process adopted the layout first. */
    private static boolean lockedAndStillThere(Connection connection, String prefix) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + LEGACY_HISTORY + " IN ACCESS EXCLUSIVE MODE");
        } catch (SQLException gone) {
            if (isUndefinedTable(gone)) { // renamed while we looked
                return false;
            }
            throw gone;
        }
        return holdsLegacyLayout(connection, prefix);
    }

    /** Whether the connection's current schema holds Invitekit 0.1's layout (see the class comment). */
    static boolean holdsLegacyLayout(Connection connection, String prefix) throws SQLException {
        String schema = currentSchema(connection);
        if (tableExists(connection, schema, prefix + "schema_history") || !tableExists(connection, schema, LEGACY_HISTORY)) {
            return false;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM " + LEGACY_HISTORY + " WHERE version = '1' AND script = ? AND success = TRUE")) {
            query.setString(1, "V1__schema.sql");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                if (rows.getLong(1) != 1) {
                    return false;
                }
            }
        } catch (SQLException gone) {
            if (isUndefinedTable(gone)) { // renamed since we looked: another process adopted the layout
                return false;
            }
            throw gone;
        }
        return hasInvitekitTables(connection, schema);
    }

    /** Whether Invitekit's own unprefixed tables are in the schema, with their columns. */
    private static boolean hasInvitekitTables(Connection connection, String schema) throws SQLException {
        for (Map.Entry<String, String> column : SIGNATURE.entrySet()) {
            if (!columnExists(connection, schema, column.getKey(), column.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Invitekit 0.1's tables with no record of them in {@code flyway_schema_history} (a history
     * dropped or emptied by hand): refused, rather than migrating an empty prefixed schema beside
     * data that would then be silently out of use.
     */
    private static void refuseUnrecordedTables(Connection connection, String prefix) throws SQLException {
        String schema = currentSchema(connection);
        if (!tableExists(connection, schema, prefix + "schema_history") && hasInvitekitTables(connection, schema)) {
            throw new IllegalStateException("the database holds Invitekit's unprefixed tables, but "
                    + LEGACY_HISTORY + " does not record Invitekit's migrations: adopt the layout by hand"
                    + " (see README, \"Beside your database\")");
        }
    }

    private static void adopt(Connection connection, String prefix, Map<String, Script> scripts) throws SQLException {
        String schema = currentSchema(connection);
        List<String> foreign = new ArrayList<>();
        Set<String> applied = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT script, version, success FROM " + LEGACY_HISTORY
                     + " WHERE version IS NOT NULL")) {
            while (rows.next()) {
                if (!SCRIPTS.contains(rows.getString(1))) {
                    foreign.add(rows.getString(1));
                } else if (rows.getBoolean(3)) {
                    applied.add(rows.getString(2));
                }
            }
        }
        if (!foreign.isEmpty()) {
            throw new IllegalStateException("the database holds Invitekit's unprefixed tables, but "
                    + LEGACY_HISTORY + " also records migrations that are not Invitekit's " + foreign
                    + ": adopt the layout by hand (see README, \"Beside your database\")");
        }
        for (String table : TABLES) {
            if (tableExists(connection, schema, prefix + table)) {
                throw new IllegalStateException("cannot adopt Invitekit's unprefixed tables: " + prefix + table
                        + " exists already");
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                if (!madeBy(table, applied)) {
                    continue; // a database from before V2 or V3: Flyway creates it next (a table of that name is not ours)
                }
                statement.execute("ALTER TABLE " + table + " RENAME TO " + prefix + table);
                for (String constraint : constraints(connection, schema, prefix + table)) {
                    if (constraint.matches("(pk|uq|fk|ck)_.*")) {
                        statement.execute("ALTER TABLE " + prefix + table + " RENAME CONSTRAINT " + constraint
                                + " TO " + prefix + constraint);
                    }
                }
            }
            for (String index : INDEXES) {
                if (madeBy(index, applied)) {
                    statement.execute("ALTER INDEX " + index + " RENAME TO " + prefix + index);
                }
            }
            String history = prefix + "schema_history";
            statement.execute("ALTER TABLE " + LEGACY_HISTORY + " RENAME TO " + history);
            if (constraints(connection, schema, history).contains(LEGACY_HISTORY + "_pk")) {
                statement.execute("ALTER TABLE " + history + " RENAME CONSTRAINT " + LEGACY_HISTORY + "_pk TO "
                        + history + "_pk");
            }
            statement.execute("ALTER INDEX IF EXISTS " + LEGACY_HISTORY + "_s_idx RENAME TO " + history + "_s_idx");
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + prefix + "schema_history"
                + " SET checksum = ?, description = ?, script = ? WHERE version = ?")) {
            for (Script script : scripts.values()) {
                if (script.checksum() == null) {
                    update.setNull(1, java.sql.Types.INTEGER);
                } else {
                    update.setInt(1, script.checksum());
                }
                update.setString(2, script.description());
                update.setString(3, script.script());
                update.setString(4, script.version());
                update.executeUpdate();
            }
        }
    }

    /**
     * Whether the 0.1 migrations {@code applied} (by version) leave a table or index of this name:
     * only those are renamed, never a host's object that happens to share a name with one that
     * 0.1 had not made yet, or had dropped.
     */
    static boolean madeBy(String name, Set<String> applied) {
        String added = ADDED_BY.get(name);
        String dropped = DROPPED_BY.get(name);
        return (added == null || applied.contains(added)) && (dropped == null || !applied.contains(dropped));
    }

    /** PostgreSQL's undefined_table, H2's table not found. */
    private static boolean isUndefinedTable(SQLException failure) {
        return "42P01".equals(failure.getSQLState()) || "42S02".equals(failure.getSQLState());
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_schema")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        return count(connection, "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                schema, table) > 0;
    }

    private static boolean columnExists(Connection connection, String schema, String table, String column)
            throws SQLException {
        return count(connection, "SELECT count(*) FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? AND column_name = ?", schema, table, column) > 0;
    }

    private static List<String> constraints(Connection connection, String schema, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT constraint_name FROM"
                + " information_schema.table_constraints WHERE table_schema = ? AND table_name = ?")) {
            query.setString(1, schema);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static long count(Connection connection, String sql, String... arguments) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                query.setString(i + 1, arguments[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
