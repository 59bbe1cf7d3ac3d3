package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.WebhookDeliveries;
import io.invitekit.application.port.out.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

public final class InMemoryWebhookDeliveries implements WebhookDeliveries {
    private record Lease(String worker, Instant until) {
    }

    private record FanOutKey(UUID endpoint, UUID event) {
    }

    private final InMemoryTransactions transactions;
    private final InMemoryWebhookEndpoints endpoints;
    private final Map<UUID, WebhookDelivery> deliveries = new LinkedHashMap<>();
    private final Map<FanOutKey, UUID> fanOuts = new HashMap<>();
    private final Map<UUID, Lease> leases = new HashMap<>();

    InMemoryWebhookDeliveries(InMemoryTransactions transactions, InMemoryWebhookEndpoints endpoints) {
        this.transactions = transactions;
        this.endpoints = endpoints;
        endpoints.deliveries(this);
    }

    @Override
    public synchronized boolean add(WebhookDelivery delivery) {
        FanOutKey key = delivery.fanOut() ? new FanOutKey(delivery.endpointId(), delivery.eventId()) : null;
        if (key != null && fanOuts.containsKey(key)) {
            return false;
        }
        if (deliveries.putIfAbsent(delivery.id(), delivery) != null) {
            throw transactions.refuse(new IllegalStateException("webhook delivery " + delivery.id() + " exists"));
        }
        if (key != null) {
            fanOuts.put(key, delivery.id());
        }
        transactions.onRollback(() -> {
            synchronized (this) {
                deliveries.remove(delivery.id());
                if (key != null) {
                    fanOuts.remove(key, delivery.id());
                }
            }
        });
        return true;
    }

    @Override
    public synchronized Optional<WebhookDelivery> find(UUID id) {
        return Optional.ofNullable(deliveries.get(id));
    }

    @Override
    public synchronized List<WebhookDelivery> claimDue(String worker, Instant now, Duration lease, int limit) {
        List<WebhookDelivery> due = deliveries.values().stream()
                .filter(d -> !d.status().isFinal() && !d.nextAttemptAt().isAfter(now))
                .filter(d -> !leases.containsKey(d.id()) || !leases.get(d.id()).until().isAfter(now))
                .filter(d -> endpoints.isEnabled(d.endpointId()))
                .sorted(Comparator.comparing(WebhookDelivery::nextAttemptAt).thenComparing(WebhookDelivery::id))
                .limit(limit)
                .toList();
        due.forEach(d -> leases.put(d.id(), new Lease(worker, now.plus(lease))));
        return due;
    }

    @Override
    public synchronized boolean recordAttempt(WebhookDelivery attempted, String worker) {
        Lease lease = leases.get(attempted.id());
        WebhookDelivery stored = deliveries.get(attempted.id());
        if (lease == null || !lease.worker().equals(worker) || stored == null || stored.status().isFinal()) {
            return false;
        }
        deliveries.put(attempted.id(), attempted);
        leases.remove(attempted.id());
        transactions.onRollback(() -> {
            synchronized (this) {
                if (deliveries.get(attempted.id()) == attempted) {
                    deliveries.put(attempted.id(), stored);
                    leases.putIfAbsent(attempted.id(), lease);
                }
            }
        });
        return true;
    }

    @Override
    public synchronized List<WebhookDelivery> listByEndpoint(UUID endpointId, UUID after, int limit) {
        return deliveries.values().stream()
                .filter(d -> d.endpointId().equals(endpointId))
                .filter(d -> after == null || d.id().compareTo(after) < 0)
                .sorted(Comparator.comparing(WebhookDelivery::id).reversed())
                .limit(limit)
                .toList();
    }

    /** An endpoint deleted: its deliveries go with it (as the database's cascade does). */
    void deleteOf(UUID endpointId) {
        Map<UUID, WebhookDelivery> gone = new LinkedHashMap<>();
        synchronized (this) {
            deliveries.values().removeIf(d -> {
                if (d.endpointId().equals(endpointId)) {
                    gone.put(d.id(), d);
                    return true;
                }
                return false;
            });
            fanOuts.values().removeIf(gone::containsKey);
            gone.keySet().forEach(leases::remove);
        }
        transactions.onRollback(() -> {
            synchronized (this) {
                gone.values().forEach(d -> {
                    deliveries.putIfAbsent(d.id(), d);
                    if (d.fanOut()) {
                        fanOuts.putIfAbsent(new FanOutKey(d.endpointId(), d.eventId()), d.id());
                    }
                });
            }
        });
    }
}
