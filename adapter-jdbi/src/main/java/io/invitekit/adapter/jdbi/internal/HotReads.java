package io.invitekit.adapter.jdbi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The statements behind every request's authentication, a link's preview and a member's join:
 * each one statement, run through Jdbi's fluent API ({@link Handles#one}) with the table prefix
 * written in once, and read by column position — no SqlObject attached, no columns matched to
 * a constructor per call. Their SQL is here; the adapters render it when they start.
 */
public final class HotReads {
    private HotReads() {
    }

    public static final String INVITATION_BY_TOKEN = "SELECT " + InvitationRow.COLUMNS
            + " FROM <prefix>tenant_invitations WHERE token_digest = ?";

    public static final String MEMBER_INVITATION_BY_TOKEN = "SELECT " + MemberInvitationRow.COLUMNS
            + " FROM <prefix>member_invitations WHERE token_digest = ?";

    /** The invitation's columns, then its tenant's name. */
    public static final String MEMBER_INVITATION_WITH_TENANT_NAME = "SELECT "
            + Columns.qualified("i", MemberInvitationRow.COLUMNS) + ", t.name"
            + " FROM <prefix>member_invitations i JOIN <prefix>tenants t ON t.id = i.tenant_id WHERE i.token_digest = ?";

    public static final String SESSION_BY_ACCESS = "SELECT " + SessionRow.COLUMNS
            + " FROM <prefix>sessions WHERE access_digest = ?";

    /** The session's 11 columns, then its account's. */
    public static final String SESSION_WITH_ACCOUNT = "SELECT " + Columns.qualified("s", SessionRow.COLUMNS) + ", "
            + Columns.qualified("a", AccountRow.COLUMNS)
            + " FROM <prefix>sessions s JOIN <prefix>accounts a ON a.id = s.user_id WHERE s.access_digest = ?";

    public static final String ACCOUNT_BY_ID = "SELECT " + AccountRow.COLUMNS + " FROM <prefix>accounts WHERE id = ?";

    /**
     * The active code's 8 columns, its tenant's 15, then the user's membership of it (role and
     * joined_at, null when not a member). Parameters: the user, the code.
     */
    public static final String JOIN_TARGET = "SELECT " + Columns.qualified("c", JoinCodeRow.COLUMNS) + ", "
            + TenantRow.COLUMNS + ", m.role, m.joined_at"
            + " FROM <prefix>join_codes c JOIN <prefix>tenants t ON t.id = c.tenant_id"
            + " JOIN <prefix>tenant_domains d ON d.primary_of = t.id"
            + " LEFT JOIN <prefix>memberships m ON m.tenant_id = t.id AND m.user_id = ?"
            + " WHERE c.code = ? AND c.active_tenant_id IS NOT NULL";

    /** A user's memberships, each with its tenant's 15 columns (null when gone); keyset page by joined_at, tenant_id. */
    private static final String MEMBERSHIPS_WITH_TENANTS = "SELECT m.tenant_id, m.user_id, m.role, m.joined_at, "
            + TenantRow.COLUMNS
            + " FROM <prefix>memberships m LEFT JOIN <prefix>tenants t ON t.id = m.tenant_id"
            + " LEFT JOIN <prefix>tenant_domains d ON d.primary_of = t.id WHERE m.user_id = ? ";

    /** Parameters: the user, the limit. */
    public static final String FIRST_MEMBERSHIPS_WITH_TENANTS = MEMBERSHIPS_WITH_TENANTS
            + "ORDER BY m.joined_at, m.tenant_id LIMIT ?";

    /** Parameters: the user, the position's joined_at twice and tenant, the limit. */
    public static final String MEMBERSHIPS_WITH_TENANTS_AFTER = MEMBERSHIPS_WITH_TENANTS
            + "AND (m.joined_at > ? OR (m.joined_at = ? AND m.tenant_id > ?)) ORDER BY m.joined_at, m.tenant_id LIMIT ?";

    /** A row of {@link #FIRST_MEMBERSHIPS_WITH_TENANTS}: the membership, and its tenant or null. */
    public record MembershipWithTenantRow(MembershipRow membership, TenantRow tenant) {
        public static MembershipWithTenantRow read(ResultSet r) throws SQLException {
            MembershipRow membership = new MembershipRow(Columns.uuid(r, 1), Columns.uuid(r, 2), r.getString(3),
                    Columns.instant(r, 4));
            return new MembershipWithTenantRow(membership, Columns.uuid(r, 5) == null ? null : TenantRow.read(r, 5));
        }
    }

    /** A join's row: the code, the tenant and the membership, if any. */
    public record JoinTargetRow(JoinCodeRow code, TenantRow tenant, MembershipRow membership) {
        public static JoinTargetRow read(ResultSet r, UUID user) throws SQLException {
            JoinCodeRow code = JoinCodeRow.read(r, 1);
            TenantRow tenant = TenantRow.read(r, 9);
            String role = r.getString(24);
            return new JoinTargetRow(code, tenant,
                    role == null ? null : new MembershipRow(tenant.id(), user, role, Columns.instant(r, 25)));
        }
    }
}
