package io.invitekit.application.port.in;

import io.invitekit.domain.tenant.TenantId;

/**
 * Join codes: members view them, owners and admins rotate them or turn joining by code off, anyone
 * signed in joins. Every one of these but joining is refused ({@code tenant_inactive}) for a
 * deactivated tenant.
 */
public interface JoinCodeUseCase {

    /**
     * While joining by code is on, the active code, generated on the first view; while it is off,
     * {@link JoinCodeView#off()}: viewing never turns it on. Members only.
     */
    JoinCodeView view(Actor actor, TenantId tenant);

    /** A new code; the old one dies at once, and joining by code is on again. Owners and admins only. */
    JoinCodeView rotate(Actor actor, TenantId tenant, CodeRotation.Builder rotation);

    default JoinCodeView rotate(Actor actor, TenantId tenant, CodeRotation rotation) {
        return rotate(actor, tenant, rotation.toBuilder());
    }

    /**
     * Turns joining by code off: the code dies, and none is shown or generated until an owner or
     * admin rotates. Idempotent. Owners and admins only.
     */
    void disable(Actor actor, TenantId tenant);

    /**
     * Joins as MEMBER, idempotently. Unknown, rotated, disabled, expired and used-up codes all
     * answer {@code invalid_code}; such failures are limited per user and per client address.
     */
    JoinResult join(Actor actor, JoinWithCode code);
}
