package io.invitekit.application.port.in;

import java.util.Set;

/** A change to a webhook endpoint: each value null to keep it. */
public record WebhookChange(String url, Set<String> eventTypes, String description, Boolean enabled) {
}
