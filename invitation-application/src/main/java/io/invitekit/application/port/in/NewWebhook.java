package io.invitekit.application.port.in;

import io.invitekit.application.port.out.EventType;
import java.util.Set;

/**
 * A webhook endpoint to register: where ({@code url}, checked by the use case: http or https,
 * no credentials, no fragment), which event types ({@code eventTypes} by wire name; empty: every
 * type its scope sees), a {@code description} (optional) and whether it starts {@code enabled}.
 */
public record NewWebhook(String url, Set<String> eventTypes, String description, boolean enabled) {
    public NewWebhook {
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
    }

    public static NewWebhook to(String url, EventType... types) {
        return new NewWebhook(url, java.util.Arrays.stream(types).map(EventType::wireName)
                .collect(java.util.stream.Collectors.toSet()), null, true);
    }
}
