package io.invitekit.application.port.in;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one endpoint: {@code status} {@code PENDING}, {@code RETRYING},
 * {@code SUCCEEDED} or {@code FAILED} (gave up); the last attempt's HTTP status (null when no
 * response), latency in milliseconds and error (words without secrets); when the next attempt is
 * due (null when none is).
 */
public record WebhookDeliveryView(UUID id, UUID endpointId, UUID eventId, String eventType, String status,
                                  int attempts, Integer lastStatusCode, Long lastLatencyMillis, String lastError,
                                  Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt) {
}
