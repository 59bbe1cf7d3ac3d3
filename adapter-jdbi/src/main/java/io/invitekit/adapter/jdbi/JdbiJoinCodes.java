package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.JoinCodeRow;
import io.invitekit.adapter.jdbi.internal.JoinCodeSql;
import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * Join codes in {@code join_codes}: unique values for all time, and one active code per tenant
 * through the unique {@code active_tenant_id}. Adding never raises a conflict, so the two
 * refusals leave the surrounding transaction usable.
 */
final class JdbiJoinCodes implements JoinCodes {
    private final Handles handles;

    JdbiJoinCodes(Handles handles) {
        this.handles = handles;
    }

    @Override
    public AddOutcome add(JoinCode code) {
        return handles.atomically(handle -> {
            JoinCodeSql sql = handle.attach(JoinCodeSql.class);
            if (sql.insert(JoinCodeRow.of(code)) == 1) {
                return AddOutcome.ADDED;
            }
            if (sql.countWithCode(code.code().value()) > 0) {
                return AddOutcome.CODE_VALUE_TAKEN;
            }
            if (sql.activeFor(code.tenantId().value()).isPresent()) {
                return AddOutcome.TENANT_HAS_ACTIVE_CODE;
            }
            throw new IllegalStateException("duplicate join code id " + code.id());
        });
    }

    @Override
    public Optional<JoinCode> activeFor(TenantId tenant) {
        return handles.call(JoinCodeSql.class, sql -> sql.activeFor(tenant.value()).map(JoinCodeRow::toDomain));
    }

    @Override
    public Optional<JoinCode> activeByCode(InviteCode code) {
        return handles.call(JoinCodeSql.class, sql -> sql.activeByCode(code.value()).map(JoinCodeRow::toDomain));
    }

    @Override
    public boolean deactivate(JoinCodeId id) {
        return handles.call(JoinCodeSql.class, sql -> sql.deactivate(id.value()) == 1);
    }

    @Override
    public boolean claimUse(JoinCodeId id, Instant now) {
        return handles.call(JoinCodeSql.class, sql -> sql.claimUse(id.value(), now) == 1);
    }
}
