package io.invitekit.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The webhook deliveries: the queue the sender works through and each endpoint's delivery log. */
public interface WebhookDeliveries {

    /**
     * Queues a delivery. A {@link WebhookDelivery#fanOut() fan-out} delivery of an event an
     * endpoint already has is not added again (the answer is then false); this refusal never
     * aborts the transaction.
     */
    boolean add(WebhookDelivery delivery);

    Optional<WebhookDelivery> find(UUID id);

    /**
     * Leases up to {@code limit} due deliveries (PENDING or RETRYING, next attempt not after
     * {@code now}, no live lease) of enabled endpoints to {@code worker} until {@code now + lease},
     * earliest due first. Several workers at once never get the same delivery within a lease.
     */
    List<WebhookDelivery> claimDue(String worker, Instant now, Duration lease, int limit);

    /**
     * Writes the delivery after an attempt and releases its lease, if {@code worker} still holds
     * it; false when it does not (the lease ran out and passed on): nothing is written then.
     */
    boolean recordAttempt(WebhookDelivery attempted, String worker);

    /** An endpoint's deliveries, newest first, those created before {@code after} (null: from the newest). */
    List<WebhookDelivery> listByEndpoint(UUID endpointId, UUID after, int limit);
}
