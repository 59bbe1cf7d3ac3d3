package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.AuditEvent;
import io.invitekit.application.port.out.AuditLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public final class InMemoryAuditLog implements AuditLog {
    private final InMemoryTransactions transactions;
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    InMemoryAuditLog(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void record(AuditEvent event) {
        events.add(event);
        transactions.onRollback(() -> events.remove(event));
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
