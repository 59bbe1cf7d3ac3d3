package io.invitekit.adapter.jdbi;

import io.invitekit.adapter.jdbi.internal.Handles;
import io.invitekit.adapter.jdbi.internal.HotReads;
import io.invitekit.adapter.jdbi.internal.JoinCodeRow;
import io.invitekit.adapter.jdbi.internal.JoinCodeSql;
import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.application.port.out.Memberships;
import io.invitekit.application.port.out.Tenants;
import io.invitekit.domain.account.UserId;
import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * Join codes in {@code join_codes}: unique values for all time, and one active code per tenant
 * through the unique {@code active_tenant_id}; the switch for joining by code is
 * {@code tenants.join_code_enabled}. Adding never raises a conflict, so the refusals leave the
 * surrounding transaction usable. Adding and using a code first hold the tenant's row while the
 * switch is on, and turning it off writes that row before it kills the codes: whichever comes
 * second waits for the first to commit, then sees what it did.
 */
final class JdbiJoinCodes implements JoinCodes {
    private final Handles handles;

    private final String joinTarget;

    JdbiJoinCodes(Handles handles) {
        this.handles = handles;
        this.joinTarget = handles.render(HotReads.JOIN_TARGET);
    }

    @Override
    public AddOutcome add(JoinCode code) {
        return handles.atomically(handle -> {
            JoinCodeSql sql = handle.attach(JoinCodeSql.class);
            if (sql.holdIfJoiningOn(code.tenantId().value()) == 0) {
                return AddOutcome.JOINING_OFF;
            }
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

    /** One statement (the code joined to its tenant and the user's membership) when both ports are this store's. */
    @Override
    public Optional<JoinTarget> joinTarget(InviteCode code, UserId user, Tenants tenants, Memberships memberships) {
        if (!(tenants instanceof JdbiTenants ownTenants && ownTenants.keptIn(handles)
                && memberships instanceof JdbiMemberships ownMemberships && ownMemberships.keptIn(handles))) {
            return JoinCodes.super.joinTarget(code, user, tenants, memberships);
        }
        return handles.one(joinTarget, (r, ctx) -> HotReads.JoinTargetRow.read(r, user.value()), user.value(), code.value())
                .map(row -> new JoinTarget(row.code().toDomain(), row.tenant().toDomain(),
                        row.membership() == null ? null : row.membership().toDomain()));
    }

    @Override
    public boolean deactivate(JoinCodeId id) {
        return handles.call(JoinCodeSql.class, sql -> sql.deactivate(id.value()) == 1);
    }

    @Override
    public boolean claimUse(JoinCodeId id, Instant now) {
        return handles.atomically(handle -> {
            JoinCodeSql sql = handle.attach(JoinCodeSql.class);
            return sql.holdIfJoiningOnForCode(id.value()) == 1 && sql.claimUse(id.value(), now) == 1;
        });
    }

    @Override
    public boolean joiningOn(TenantId tenant) {
        return handles.call(JoinCodeSql.class, sql -> sql.joiningOn(tenant.value()).orElse(false));
    }

    @Override
    public boolean turnOff(TenantId tenant) {
        return handles.atomically(handle -> {
            JoinCodeSql sql = handle.attach(JoinCodeSql.class);
            boolean wasOn = sql.flipJoining(tenant.value(), false) == 1;
            // Also when it was off already: then no code can be active, and this finds none.
            sql.deactivateAllOf(tenant.value());
            return wasOn;
        });
    }

    @Override
    public boolean turnOn(TenantId tenant) {
        return handles.atomically(handle -> {
            JoinCodeSql sql = handle.attach(JoinCodeSql.class);
            if (sql.flipJoining(tenant.value(), true) == 1) {
                return true;
            }
            sql.holdJoiningOn(tenant.value()); // on already: hold the row until commit all the same
            return false;
        });
    }
}
