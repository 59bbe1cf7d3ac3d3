package io.invitekit.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event's delivery to one endpoint. {@code payload} is the JSON body built at fan-out (the
 * signed bytes are its UTF-8 encoding). {@code fanOut}: queued by the event dispatcher, one per
 * (endpoint, event) however often the event is dispatched; replays and test deliveries are not,
 * and may repeat an event id. {@code nextAttemptAt} is null once SUCCEEDED or FAILED.
 */
public record WebhookDelivery(UUID id, UUID endpointId, UUID eventId, String eventType, String payload,
                              boolean fanOut, Status status, int attempts, Instant nextAttemptAt,
                              Integer lastStatusCode, Long lastLatencyMillis, String lastError, Instant createdAt,
                              Instant lastAttemptAt) {

    static final int MAX_ERROR_LENGTH = 500;

    /** PENDING (never tried) and RETRYING (tried, tried again later) are due; the others are final. */
    public enum Status {
        PENDING, RETRYING, SUCCEEDED, FAILED;

        public boolean isFinal() {
            return this == SUCCEEDED || this == FAILED;
        }
    }

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
        if (status.isFinal() != (nextAttemptAt == null)) {
            throw new IllegalArgumentException("a due delivery has a next attempt time, a final one none");
        }
    }

    /** A delivery to make now, never tried. */
    public static WebhookDelivery queued(UUID id, UUID endpointId, UUID eventId, String eventType, String payload,
                                         boolean fanOut, Instant now) {
        return new WebhookDelivery(id, endpointId, eventId, eventType, payload, fanOut, Status.PENDING, 0, now, null,
                null, null, now, null);
    }

    /**
     * The delivery after one attempt: SUCCEEDED on a 2xx; otherwise RETRYING at the policy's next
     * time, or FAILED when that was the last attempt.
     */
    public WebhookDelivery afterAttempt(WebhookSender.Result result, Instant now, WebhookPolicy policy) {
        if (status.isFinal()) {
            throw new IllegalStateException("delivery " + id + " is " + status + ": no more attempts");
        }
        int made = attempts + 1;
        Long latency = result.latency() == null ? null : result.latency().toMillis();
        if (result.delivered()) {
            return new WebhookDelivery(id, endpointId, eventId, eventType, payload, fanOut, Status.SUCCEEDED, made,
                    null, result.status(), latency, null, createdAt, now);
        }
        Instant next = policy.nextAttempt(made, now);
        String error = result.error() != null ? result.error()
                : result.status() != null ? "the endpoint answered " + result.status() : "no answer";
        if (error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH);
        }
        return new WebhookDelivery(id, endpointId, eventId, eventType, payload, fanOut,
                next == null ? Status.FAILED : Status.RETRYING, made, next, result.status(), latency, error, createdAt,
                now);
    }

    /** The same event again, as a new delivery with a fresh attempt schedule (and the same webhook-id). */
    public WebhookDelivery replayed(UUID newId, Instant now) {
        return queued(newId, endpointId, eventId, eventType, payload, false, now);
    }
}
