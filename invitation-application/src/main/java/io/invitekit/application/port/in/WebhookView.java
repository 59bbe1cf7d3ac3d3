package io.invitekit.application.port.in;

import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A webhook endpoint; {@code tenant} null for a platform endpoint (every event).
 * {@code state}: {@code ACTIVE}, {@code FAILING} (deliveries failing lately), {@code DISABLED}
 * (turned off, by a person or after a long run of failures). The secret is never shown again.
 */
public record WebhookView(UUID id, TenantId tenant, String url, Set<String> eventTypes, String description,
                          boolean enabled, String state, int consecutiveFailures, Instant createdAt,
                          Instant updatedAt) {
}
