package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Something that happened, who did it and to what. {@code actor} and {@code tenant} may be null. */
public record AuditEvent(UUID id, Instant at, UserId actor, String action, TenantId tenant, String subject,
                         Map<String, String> details) {
    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
