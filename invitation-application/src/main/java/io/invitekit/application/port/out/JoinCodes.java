package io.invitekit.application.port.out;

import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Persistence of join codes: one active code per tenant, code values unique for all time. */
public interface JoinCodes {

    enum AddOutcome { ADDED, TENANT_HAS_ACTIVE_CODE, CODE_VALUE_TAKEN }

    /** Stores a new active code; the two refusals never abort the surrounding transaction. */
    AddOutcome add(JoinCode code);

    Optional<JoinCode> activeFor(TenantId tenant);

    Optional<JoinCode> activeByCode(InviteCode code);

    /** @return false when the code was not active (already rotated or disabled) */
    boolean deactivate(JoinCodeId id);

    /**
     * Counts one use, only if the code is still active, not expired at {@code now} and under its
     * max uses: one atomic conditional update, so concurrent joins never exceed the cap.
     */
    boolean claimUse(JoinCodeId id, Instant now);
}
