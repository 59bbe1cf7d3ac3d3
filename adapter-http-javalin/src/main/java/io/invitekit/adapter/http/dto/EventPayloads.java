package io.invitekit.adapter.http.dto;

import io.invitekit.adapter.http.dto.TenantPayloads.MemberUserResponse;
import io.invitekit.application.port.in.AuditEventView;
import io.invitekit.application.port.in.CreatedWebhook;
import io.invitekit.application.port.in.WebhookDeliveryView;
import io.invitekit.application.port.in.WebhookView;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Bodies of the audit-event and webhook endpoints. */
public final class EventPayloads {
    private EventPayloads() {
    }

    /** {@code actor} null for the system; {@code data} never carries a token, password or secret. */
    public record AuditEventResponse(String id, String type, Instant occurredAt, MemberUserResponse actor,
                                     String tenantId, String subject, Map<String, String> data) {
        public static AuditEventResponse of(AuditEventView e) {
            return new AuditEventResponse(e.id().toString(), e.type(), e.occurredAt(),
                    e.actor() == null ? null : MemberUserResponse.of(e.actor()),
                    e.tenant() == null ? null : e.tenant().toString(), e.subject(),
                    e.data() == null ? Map.of() : e.data());
        }
    }

    /** The URL and event-type names are checked by the use case, as field errors. */
    public record CreateWebhookRequest(
            @NotNull @Size(max = 2000) String url,
            @Size(max = 100) List<@NotNull @Size(max = 100) String> eventTypes,
            @Size(max = 500) String description,
            Boolean enabled) {
    }

    /** Each field null or absent to keep it. */
    public record UpdateWebhookRequest(
            @Size(max = 2000) String url,
            @Size(max = 100) List<@NotNull @Size(max = 100) String> eventTypes,
            @Size(max = 500) String description,
            Boolean enabled) {
    }

    /** Never the secret; event types sorted so the answer reads the same each time. */
    public record WebhookResponse(String id, String tenantId, String url, List<String> eventTypes, String description,
                                  boolean enabled, String state, int consecutiveFailures, Instant createdAt,
                                  Instant updatedAt) {
        public static WebhookResponse of(WebhookView w) {
            return new WebhookResponse(w.id().toString(), w.tenant() == null ? null : w.tenant().toString(), w.url(),
                    List.copyOf(new TreeSet<>(w.eventTypes() == null ? Set.of() : w.eventTypes())), w.description(),
                    w.enabled(), w.state(), w.consecutiveFailures(), w.createdAt(), w.updatedAt());
        }
    }

    /** The one answer with the signing secret (created or rotated); never logged. */
    public record WebhookWithSecretResponse(WebhookResponse webhook, String secret) {
        public static WebhookWithSecretResponse of(CreatedWebhook created) {
            return new WebhookWithSecretResponse(WebhookResponse.of(created.webhook()), created.secret());
        }

        @Override
        public String toString() {
            return "WebhookWithSecretResponse[" + webhook.id() + ", secret redacted]";
        }
    }

    public record WebhookDeliveryResponse(String id, String endpointId, String eventId, String eventType,
                                          String status, int attempts, Integer lastStatusCode, Long lastLatencyMs,
                                          String lastError, Instant createdAt, Instant lastAttemptAt,
                                          Instant nextAttemptAt) {
        public static WebhookDeliveryResponse of(WebhookDeliveryView d) {
            return new WebhookDeliveryResponse(d.id().toString(), d.endpointId().toString(),
                    d.eventId() == null ? null : d.eventId().toString(), d.eventType(), d.status(), d.attempts(),
                    d.lastStatusCode(), d.lastLatencyMillis(), d.lastError(), d.createdAt(), d.lastAttemptAt(),
                    d.nextAttemptAt());
        }
    }
}
