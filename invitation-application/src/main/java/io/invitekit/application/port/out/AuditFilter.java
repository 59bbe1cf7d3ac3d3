package io.invitekit.application.port.out;

import io.invitekit.domain.account.UserId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Set;

/**
 * Which entries of the event log to list: of this {@code tenant} (null: every tenant and the
 * platform's own), of these {@code types} (empty: all), by this {@code actor}, at or after
 * {@code from} and before {@code to}; each but {@code types} optional (null).
 */
public record AuditFilter(TenantId tenant, Set<EventType> types, UserId actor, Instant from, Instant to) {
    public AuditFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    public static AuditFilter all() {
        return new AuditFilter(null, Set.of(), null, null, null);
    }

    public boolean matches(AuditEvent event) {
        return (tenant == null || tenant.equals(event.tenant()))
                && (types.isEmpty() || event.type().filter(types::contains).isPresent())
                && (actor == null || actor.equals(event.actor()))
                && (from == null || !event.at().isBefore(from))
                && (to == null || event.at().isBefore(to));
    }
}
