package io.invitekit.application.port.in;

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

    /** An enabled endpoint for these event types (wire names such as {@code member_invitation.accepted}; none: all). */
    public static NewWebhook to(String url, String... eventTypes) {
        return new NewWebhook(url, Set.of(eventTypes), null, true);
    }
}
