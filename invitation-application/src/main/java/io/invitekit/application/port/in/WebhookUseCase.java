package io.invitekit.application.port.in;

import io.invitekit.domain.tenant.TenantId;
import java.util.UUID;

/**
 * Webhook endpoints and their deliveries. {@code tenant} null: the platform's endpoints (platform
 * admins only; every event). A tenant's endpoints: its OWNERs and ADMINs only (others:
 * {@code not_found} for outsiders, {@code forbidden} for members); they receive that tenant's
 * events only. An endpoint of another scope answers {@code not_found}.
 */
public interface WebhookUseCase {

    /** Registers an endpoint; the answer carries its signing secret, shown this once. */
    CreatedWebhook create(Actor actor, TenantId tenant, NewWebhook webhook);

    Page<WebhookView> list(Actor actor, TenantId tenant, PageRequest page);

    WebhookView get(Actor actor, TenantId tenant, UUID webhook);

    WebhookView update(Actor actor, TenantId tenant, UUID webhook, WebhookChange change);

    void delete(Actor actor, TenantId tenant, UUID webhook);

    /** Newest first. */
    Page<WebhookDeliveryView> deliveries(Actor actor, TenantId tenant, UUID webhook, PageRequest page);

    /** Delivers the delivery's event again, as a new delivery with a fresh attempt schedule. */
    WebhookDeliveryView replay(Actor actor, TenantId tenant, UUID webhook, UUID delivery);

    /** A new secret (shown this once); the old one still signs, beside it, for 24 hours. */
    CreatedWebhook rotateSecret(Actor actor, TenantId tenant, UUID webhook);

    /** Queues a {@code webhook.test} event for this endpoint alone. */
    WebhookDeliveryView sendTest(Actor actor, TenantId tenant, UUID webhook);
}
