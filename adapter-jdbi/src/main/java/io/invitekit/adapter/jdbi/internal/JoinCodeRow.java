package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code join_codes}; {@code activeTenantId} is set exactly while the code is active. */
public record JoinCodeRow(UUID id, UUID tenantId, String code, UUID activeTenantId, Instant createdAt, Instant expiresAt,
                          Integer maxUses, int uses) {

    static final String COLUMNS = "id, tenant_id, code, active_tenant_id, created_at, expires_at, max_uses, uses";

    public static JoinCodeRow of(JoinCode c) {
        return new JoinCodeRow(c.id().value(), c.tenantId().value(), c.code().value(),
                c.active() ? c.tenantId().value() : null, c.createdAt(), c.expiresAt(), c.maxUses(), c.uses());
    }

    public JoinCode toDomain() {
        return new JoinCode(new JoinCodeId(id), new TenantId(tenantId), new InviteCode(code), createdAt, expiresAt,
                maxUses, uses, activeTenantId != null);
    }

    /** Columns {@code c} to {@code c + 7} of the current row, in the order of the SELECT's columns. */
    public static JoinCodeRow read(ResultSet r, int c) throws SQLException {
        return new JoinCodeRow(Columns.uuid(r, c), Columns.uuid(r, c + 1), r.getString(c + 2), Columns.uuid(r, c + 3),
                Columns.instant(r, c + 4), Columns.instant(r, c + 5), Columns.integer(r, c + 6), r.getInt(c + 7));
    }
}
