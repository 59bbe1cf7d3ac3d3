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
            + TenantRow.QUALIFIED_COLUMNS + ", m.role, m.joined_at"
            + " FROM <prefix>join_codes c JOIN <prefix>tenants t ON t.id = c.tenant_id"
            + " JOIN <prefix>tenant_domains d ON d.primary_of = t.id"
            + " LEFT JOIN <prefix>memberships m ON m.tenant_id = t.id AND m.user_id = ?"
            + " WHERE c.code = ? AND c.active_tenant_id IS NOT NULL";

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
