package io.invitekit.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The event log: every state change, written in the transaction of the change (so an entry
 * exists exactly when its change committed), read by people (the audit log) and dispatched once
 * committed to listeners and webhooks (the outbox of events).
 */
public interface AuditLog {

    /** Joins the surrounding transaction. */
    void record(AuditEvent event);

    /**
     * One page of entries matching {@code filter}, newest first by id (ids are time-ordered), those
     * older than {@code after} (a previous page's last id; null: from the newest).
     */
    List<AuditEvent> list(AuditFilter filter, UUID after, int limit);

    /**
     * Leases up to {@code limit} not yet dispatched entries, oldest first, to {@code worker} until
     * {@code now + lease}, and counts the attempt; entries leased to another worker whose lease is
     * live are passed over, so concurrent workers (on any node) get disjoint batches. Commits at
     * once, whatever transaction the thread is in.
     */
    List<Claimed> claimUndispatched(String worker, Instant now, Duration lease, int limit);

    /** Records the entries as dispatched (never claimed again); joins the surrounding transaction. */
    void markDispatched(List<UUID> ids, Instant now);

    /** A leased entry and how many times it has been claimed, this claim included. */
    record Claimed(AuditEvent event, int attempts) {
    }
}
