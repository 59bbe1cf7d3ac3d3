package io.invitekit.domain.code;

import io.invitekit.domain.shared.InvalidValueException;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant's shareable join code. A tenant has at most one active code; rotating or disabling
 * deactivates it for good. {@code expiresAt} and {@code maxUses} are optional ({@code null}).
 */
public record JoinCode(
        JoinCodeId id,
        TenantId tenantId,
        InviteCode code,
        Instant createdAt,
        Instant expiresAt,
        Integer maxUses,
        int uses,
        boolean active) {

    public JoinCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(createdAt, "createdAt");
        if (maxUses != null && maxUses < 1) {
            throw new InvalidValueException("max uses is at least 1");
        }
        if (uses < 0) {
            throw new IllegalArgumentException("uses cannot be negative");
        }
        if (expiresAt != null && !expiresAt.isAfter(createdAt)) {
            throw new InvalidValueException("a join code expires after it is created");
        }
    }

    /** A code that lives until it is rotated and may be used any number of times. */
    public static JoinCode unlimited(JoinCodeId id, TenantId tenantId, InviteCode code, Instant now) {
        return new JoinCode(id, tenantId, code, now, null, null, 0, true);
    }

    public static JoinCode issue(JoinCodeId id, TenantId tenantId, InviteCode code, Instant now,
                                 Instant expiresAt, Integer maxUses) {
        return new JoinCode(id, tenantId, code, now, expiresAt, maxUses, 0, true);
    }

    /** Whether a join may use this code now: active, not expired and not used up. */
    public boolean usableAt(Instant now) {
        return active
                && (expiresAt == null || now.isBefore(expiresAt))
                && (maxUses == null || uses < maxUses);
    }

    public JoinCode deactivate() {
        return new JoinCode(id, tenantId, code, createdAt, expiresAt, maxUses, uses, false);
    }

    /** Undoes a {@link #deactivate()} that was rolled back. */
    public JoinCode reactivate() {
        return new JoinCode(id, tenantId, code, createdAt, expiresAt, maxUses, uses, true);
    }

    /** Undoes a {@link #withOneMoreUse()} that was rolled back. */
    public JoinCode withOneUseLess() {
        return new JoinCode(id, tenantId, code, createdAt, expiresAt, maxUses, Math.max(0, uses - 1), active);
    }

    public JoinCode withOneMoreUse() {
        return new JoinCode(id, tenantId, code, createdAt, expiresAt, maxUses, uses + 1, active);
    }
}
