package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A state change as listeners and webhooks receive it: {@code id} (time-ordered; the key to
 * de-duplicate on: delivery is at least once), {@code type} and its {@code version},
 * {@code occurredAt}, who did it ({@code actor}, null for the system or an operator), in which
 * tenant ({@code tenant}, null for platform-wide changes), to what ({@code subject}, an id as
 * text) and {@code data} (the type's values as text; never a secret, token or password).
 */
public record Event(UUID id, EventType type, int version, Instant occurredAt, UserId actor, TenantId tenant,
                    String subject, Map<String, String> data) {
    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
