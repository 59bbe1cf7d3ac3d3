package io.invitekit.application.port.out;

import io.invitekit.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The registered webhook endpoints. */
public interface WebhookEndpoints {

    void add(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> find(UUID id);

    /**
     * Writes {@code changed} if the stored endpoint is still at {@code changed.version()}; the
     * stored one is then at the next version.
     *
     * @return the endpoint as stored now, or empty when it changed meanwhile (or is gone)
     */
    Optional<WebhookEndpoint> update(WebhookEndpoint changed);

    /** Deletes the endpoint and its deliveries; false when there was none. */
    boolean delete(UUID id);

    /**
     * One scope's endpoints ({@code tenant} null: the platform's), newest first, those created
     * before {@code after} (null: from the newest), at most {@code limit}.
     */
    List<WebhookEndpoint> list(TenantId tenant, UUID after, int limit);

    /** The endpoints that receive {@code event}: enabled, of its scope, whose filter takes its type. */
    List<WebhookEndpoint> matching(Event event);
}
