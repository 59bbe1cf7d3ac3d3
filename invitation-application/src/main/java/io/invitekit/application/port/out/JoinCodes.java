package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.membership.Membership;
import io.invitekit.domain.tenant.Tenant;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * Persistence of join codes: one active code per tenant, code values unique for all time, and
 * each tenant's switch for joining by code. The switch is on from the tenant's creation; while
 * it is off the tenant has no active code and no code can be added or used. {@link #add},
 * {@link #claimUse}, {@link #turnOff} and {@link #turnOn} are atomic against one another in the
 * store (a store shared by several processes serializes them on the tenant), so that no code
 * added or used concurrently with a {@link #turnOff} outlives it.
 */
public interface JoinCodes {

    enum AddOutcome { ADDED, TENANT_HAS_ACTIVE_CODE, CODE_VALUE_TAKEN, JOINING_OFF }

    /**
     * Stores a new active code, only while joining by code is on for its tenant
     * ({@code JOINING_OFF} otherwise); the refusals never abort the surrounding transaction.
     */
    AddOutcome add(JoinCode code);

    Optional<JoinCode> activeFor(TenantId tenant);

    Optional<JoinCode> activeByCode(InviteCode code);

    /**
     * An active code, its tenant, and the user's membership of that tenant ({@code null} when not a
     * member): everything a join reads ({@link #joinTarget}).
     */
    record JoinTarget(JoinCode code, Tenant tenant, Membership membership) {
        public JoinTarget {
            java.util.Objects.requireNonNull(code, "code");
            java.util.Objects.requireNonNull(tenant, "tenant");
        }

        public Optional<Membership> existing() {
            return Optional.ofNullable(membership);
        }
    }

    /**
     * {@link #activeByCode} with its tenant in {@code tenants} and {@code user}'s membership in
     * {@code memberships}; empty when the code is not active or its tenant unknown. The default
     * reads them one after the other; a store that keeps {@code tenants} and {@code memberships}
     * itself may read all three in one statement (it must fall back to this default for others).
     */
    default Optional<JoinTarget> joinTarget(InviteCode code, UserId user, Tenants tenants, Memberships memberships) {
        return activeByCode(code).flatMap(found -> tenants.byId(found.tenantId())
                .map(tenant -> new JoinTarget(found, tenant, memberships.find(tenant.id(), user).orElse(null))));
    }

    /** @return false when the code was not active (already rotated or disabled) */
    boolean deactivate(JoinCodeId id);

    /**
     * Counts one use, only if the code is still active, not expired at {@code now}, under its
     * max uses and its tenant's joining by code is on: one atomic conditional update, so
     * concurrent joins never exceed the cap.
     */
    boolean claimUse(JoinCodeId id, Instant now);

    /** Whether joining by code is on for this (existing) tenant. */
    boolean joiningOn(TenantId tenant);

    /**
     * Turns joining by code off for the tenant and deactivates its active code, if any, as one
     * step: a code added by a concurrent {@link #add} is either deactivated here or refused there.
     *
     * @return whether joining by code was on
     */
    boolean turnOff(TenantId tenant);

    /**
     * Turns joining by code on for the tenant; in a transaction, it stays on until the commit
     * (a concurrent {@link #turnOff} waits), so that a code added after it in the same
     * transaction is added.
     *
     * @return whether joining by code was off
     */
    boolean turnOn(TenantId tenant);
}
