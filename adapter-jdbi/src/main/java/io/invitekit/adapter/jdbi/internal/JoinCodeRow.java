package io.invitekit.adapter.jdbi.internal;

import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.tenant.TenantId;
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
}
