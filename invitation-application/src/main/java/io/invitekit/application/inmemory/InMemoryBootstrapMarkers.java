package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.BootstrapMarkers;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Markers in memory. Like every in-memory store its writes are seen at once by other threads:
 * a caller that finds a marker placed by a transaction still open is told {@code false}, even
 * if that transaction rolls back later (a database would make it wait for the outcome).
 */
public final class InMemoryBootstrapMarkers implements BootstrapMarkers {
    private final InMemoryTransactions transactions;
    private final Map<String, Instant> placed = new HashMap<>();

    InMemoryBootstrapMarkers(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized boolean place(String name, Instant at) {
        if (placed.putIfAbsent(name, at) != null) {
            return false;
        }
        transactions.onRollback(() -> {
            synchronized (this) {
                placed.remove(name);
            }
        });
        return true;
    }

    @Override
    public synchronized boolean isPlaced(String name) {
        return placed.containsKey(name);
    }
}
