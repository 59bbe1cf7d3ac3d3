package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.Event;
import io.invitekit.application.port.out.WebhookEndpoint;
import io.invitekit.application.port.out.WebhookEndpoints;
import io.invitekit.domain.tenant.TenantId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

public final class InMemoryWebhookEndpoints implements WebhookEndpoints {
    private final InMemoryTransactions transactions;
    private final Map<UUID, WebhookEndpoint> endpoints = new LinkedHashMap<>();
    private InMemoryWebhookDeliveries deliveries; // set by the storage: deleting an endpoint deletes its deliveries

    InMemoryWebhookEndpoints(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    void deliveries(InMemoryWebhookDeliveries value) {
        deliveries = value;
    }

    @Override
    public synchronized void add(WebhookEndpoint endpoint) {
        if (endpoints.putIfAbsent(endpoint.id(), endpoint) != null) {
            throw transactions.refuse(new IllegalStateException("webhook endpoint " + endpoint.id() + " exists"));
        }
        transactions.onRollback(() -> remove(endpoint.id(), endpoint));
    }

    private synchronized void remove(UUID id, WebhookEndpoint expected) {
        endpoints.remove(id, expected);
    }

    private synchronized void restore(WebhookEndpoint replaced, WebhookEndpoint by) {
        if (by == null) {
            endpoints.putIfAbsent(replaced.id(), replaced);
        } else {
            endpoints.replace(replaced.id(), by, replaced);
        }
    }

    @Override
    public synchronized Optional<WebhookEndpoint> find(UUID id) {
        return Optional.ofNullable(endpoints.get(id));
    }

    @Override
    public synchronized Optional<WebhookEndpoint> update(WebhookEndpoint changed) {
        WebhookEndpoint stored = endpoints.get(changed.id());
        if (stored == null || stored.version() != changed.version()) {
            return Optional.empty();
        }
        WebhookEndpoint written = changed.withVersion(changed.version() + 1);
        endpoints.put(changed.id(), written);
        transactions.onRollback(() -> restore(stored, written));
        return Optional.of(written);
    }

    @Override
    public boolean delete(UUID id) {
        WebhookEndpoint gone;
        synchronized (this) {
            gone = endpoints.remove(id);
        }
        if (gone == null) {
            return false;
        }
        transactions.onRollback(() -> restore(gone, null));
        if (deliveries != null) {
            deliveries.deleteOf(id);
        }
        return true;
    }

    @Override
    public synchronized List<WebhookEndpoint> list(TenantId tenant, UUID after, int limit) {
        return endpoints.values().stream()
                .filter(e -> Objects.equals(e.tenant(), tenant))
                .filter(e -> after == null || e.id().compareTo(after) < 0)
                .sorted(Comparator.comparing(WebhookEndpoint::id).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<WebhookEndpoint> matching(Event event) {
        return endpoints.values().stream().filter(e -> e.matches(event))
                .sorted(Comparator.comparing(WebhookEndpoint::id)).toList();
    }

    synchronized boolean isEnabled(UUID id) {
        WebhookEndpoint endpoint = endpoints.get(id);
        return endpoint != null && endpoint.state() != WebhookEndpoint.Health.DISABLED;
    }
}
