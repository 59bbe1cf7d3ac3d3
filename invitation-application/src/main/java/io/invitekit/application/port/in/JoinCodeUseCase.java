package io.invitekit.application.port.in;

import io.invitekit.domain.account.UserId;

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
    JoinCodeView view(UserId actor, String tenantId);

    /** A new code; the old one dies at once, and joining by code is on again. Owners and admins only. */
    JoinCodeView rotate(RotateCommand command);

    /**
     * Turns joining by code off: the code dies, and none is shown or generated until an owner or
     * admin rotates. Idempotent. Owners and admins only.
     */
    void disable(UserId actor, String tenantId);

    /**
     * Joins as MEMBER, idempotently. Unknown, rotated, disabled, expired and used-up codes all
     * answer {@code invalid_code}; such failures are limited per account and per client address.
     */
    JoinResult join(JoinCommand command);

    /** {@code validForHours} and {@code maxUses} are optional. */
    record RotateCommand(UserId actor, String tenantId, Integer validForHours, Integer maxUses) {
    }

    /** {@code clientAddress} may be null (no per-address limit then). */
    record JoinCommand(UserId actor, String code, String clientAddress) {
    }
}
