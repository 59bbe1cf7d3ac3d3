package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Something that happened, who did it and to what: one entry of the event log. {@code action} is
 * the event type's wire name and {@code version} its data version, kept as stored so that an
 * entry a newer release wrote can still be read ({@link #type()} is then empty). {@code actor}
 * and {@code tenant} may be null.
 */
public record AuditEvent(UUID id, Instant at, UserId actor, String action, int version, TenantId tenant, String subject,
                         Map<String, String> details) {
    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** An entry of a type this release knows, at the type's current version. */
    public AuditEvent(UUID id, Instant at, UserId actor, EventType type, TenantId tenant, String subject,
                      Map<String, String> details) {
        this(id, at, actor, type.wireName(), type.version(), tenant, subject, details);
    }

    /** The type, if this release knows it. */
    public Optional<EventType> type() {
        return EventType.fromWireName(action);
    }

    /** As listeners and webhooks receive it; empty for a type this release does not know. */
    public Optional<Event> toEvent() {
        return type().map(type -> new Event(id, type, version, at, actor, tenant, subject, details));
    }
}
