package io.invitekit.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The transactional outbox. Claims are leases: a claimed message is held by one claimer until
 * its lease runs out, after which any claimer may take it again, so a relay that dies loses
 * nothing. Safe with several processes on one database.
 */
public interface Outbox {

    /** Joins the surrounding transaction: the message exists only if the change that caused it commits. */
    void enqueue(OutboxMessage message);

    /**
     * Withdraws every message about {@code aggregateId} that is not sent yet (PENDING, whether a
     * relay holds its lease or not): WITHDRAWN, secret purged, lease dropped. No relay claims it
     * again, and a relay that was already sending it can no longer record an outcome over it
     * ({@link #markSent} and {@link #markFailed} answer false), so it is never tried again.
     * Joins the surrounding transaction.
     *
     * @return how many messages were withdrawn
     */
    int withdraw(String aggregateId);

    /**
     * Leases up to {@code limit} PENDING messages whose next attempt is due at {@code now} and
     * which no live lease holds, to {@code claimer} until {@code now + lease}. Oldest due first.
     * Runs in its own short transaction.
     */
    List<OutboxMessage> claimDue(String claimer, Instant now, Duration lease, int limit);

    /**
     * Whether {@code claimer} still holds the message and it is still to be sent (not withdrawn
     * meanwhile): asked right before each send, since a batch is claimed at once but sent one
     * message after another.
     */
    boolean isHeld(OutboxMessageId id, String claimer);

    /** Marks SENT and purges the secret, if {@code claimer} still holds the lease and it was not withdrawn. */
    boolean markSent(OutboxMessageId id, String claimer, Instant now);

    /**
     * {@link #markSent(OutboxMessageId, String, Instant)} for several messages at once (the relay
     * records what it handed over in one transaction): marks those {@code claimer} still holds
     * and that were not withdrawn, and answers which they are. Joins the surrounding transaction.
     * By default one call per message; a store that can, does it in one statement.
     */
    default Set<OutboxMessageId> markSent(Collection<OutboxMessageId> ids, String claimer, Instant now) {
        Set<OutboxMessageId> marked = new LinkedHashSet<>();
        for (OutboxMessageId id : ids) {
            if (markSent(id, claimer, now)) {
                marked.add(id);
            }
        }
        return marked;
    }

    /**
     * Records a failed attempt, if {@code claimer} still holds the lease and it was not
     * withdrawn: PENDING again from {@code nextAttemptAt}, or DEAD (secret purged) when
     * {@code nextAttemptAt} is {@code null}.
     */
    boolean markFailed(OutboxMessageId id, String claimer, int attempts, String error, Instant nextAttemptAt);

    /** The delivery of the newest message about each of the given aggregates that has one. */
    Map<String, Delivery> latestDeliveries(Collection<String> aggregateIds);

    /** How many messages are PENDING. */
    long backlog();

    /** DEAD messages, newest first, for admins. */
    List<OutboxMessage> dead(int limit);

    /** One message in whatever state it is, for operators looking at a dead email. */
    Optional<OutboxMessage> byId(OutboxMessageId id);
}
