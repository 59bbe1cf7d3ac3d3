package io.invitekit.application.port.in;

import io.invitekit.domain.account.UserId;

/** Join codes: members view (and so generate) them, owners and admins rotate or disable them, anyone signed in joins. */
public interface JoinCodeUseCase {

    /** The active code, generated on first view. Members only. */
    JoinCodeView view(UserId actor, String tenantId);

    /** The old code dies at once. Owners and admins only. */
    JoinCodeView rotate(RotateCommand command);

    /** Owners and admins only. */
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
