package io.invitekit.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The transactional outbox. Claims are leases: a claimed message is held by one claimer until
 * its lease runs out, after which any claimer may take it again, so a relay that dies loses
 * nothing. Safe with several processes on one database.
 */
public interface Outbox {

    /** Joins the surrounding transaction: the message exists only if the change that caused it commits. */
    void enqueue(OutboxMessage message);

    /**
     * Leases up to {@code limit} PENDING messages whose next attempt is due at {@code now} and
     * which no live lease holds, to {@code claimer} until {@code now + lease}. Oldest due first.
     * Runs in its own short transaction.
     */
    List<OutboxMessage> claimDue(String claimer, Instant now, Duration lease, int limit);

    /** Marks SENT and purges the secret, if {@code claimer} still holds the lease. */
    boolean markSent(OutboxMessageId id, String claimer, Instant now);

    /**
     * Records a failed attempt, if {@code claimer} still holds the lease: PENDING again from
     * {@code nextAttemptAt}, or DEAD (secret purged) when {@code nextAttemptAt} is {@code null}.
     */
    boolean markFailed(OutboxMessageId id, String claimer, int attempts, String error, Instant nextAttemptAt);

    /** The delivery of the newest message about each of the given aggregates that has one. */
    Map<String, Delivery> latestDeliveries(Collection<String> aggregateIds);

    /** How many messages are PENDING. */
    long backlog();

    /** DEAD messages, newest first, for admins. */
    List<OutboxMessage> dead(int limit);
}
