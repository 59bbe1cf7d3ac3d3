package io.invitekit.application.port.in;

import io.invitekit.application.port.out.EventType;
import io.invitekit.domain.account.UserId;
import java.time.Instant;
import java.util.Set;

/**
 * Which audit events to list, newest first: of these {@code types} (empty: every type), by this
 * {@code actor}, at or after {@code from} and before {@code to}; each optional (null).
 */
public record AuditQuery(Set<EventType> types, UserId actor, Instant from, Instant to, PageRequest page) {
    public AuditQuery {
        types = types == null ? Set.of() : Set.copyOf(types);
        page = page == null ? PageRequest.first() : page;
    }

    public static AuditQuery all() {
        return new AuditQuery(Set.of(), null, null, null, PageRequest.first());
    }
}
