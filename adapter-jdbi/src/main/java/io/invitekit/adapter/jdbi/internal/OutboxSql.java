package io.invitekit.adapter.jdbi.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code outbox_messages}. A claim is a lease ({@code lease_owner}, {@code lease_until}); a
 * message is claimable when PENDING, due, and no lease on it is live.
 */
public interface OutboxSql {
    String CLAIMABLE = "status = 'PENDING' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)";
    String DUE_ORDER = " ORDER BY next_attempt_at, created_at, id";

    @SqlUpdate("INSERT INTO <prefix>outbox_messages (" + OutboxRow.COLUMNS + ") VALUES (:id, :kind, :recipient, :data, :secret, "
            + ":aggregateId, :status, :attempts, :nextAttemptAt, :lastError, :createdAt, :sentAt, :requestId)")
    void insert(@BindMethods OutboxRow row);

    /**
     * Every unsent message of the aggregate, leased or not. Relays record outcomes only on
     * PENDING rows, so a send in flight cannot bring a withdrawn message back.
     */
    @SqlUpdate("UPDATE <prefix>outbox_messages SET status = 'WITHDRAWN', secret = NULL, lease_owner = NULL, lease_until = NULL "
            + "WHERE aggregate_id = :aggregateId AND status = 'PENDING'")
    int withdraw(String aggregateId);

    String MARK_SENT = "UPDATE <prefix>outbox_messages SET status = 'SENT', secret = NULL, attempts = attempts + 1, "
            + "sent_at = :now, lease_owner = NULL, lease_until = NULL "
            + "WHERE id IN (<ids>) AND status = 'PENDING' AND lease_owner = :claimer";

    /**
     * PostgreSQL: the whole claim in one statement. The candidates are locked and passed over when
     * another claimer has them locked ({@code SKIP LOCKED}), so concurrent claimers (in any
     * process) get disjoint batches; {@code ARRAY(…)} makes them an init plan, chosen once.
     * The rows come back in no particular order.
     */
    @SqlQuery("UPDATE <prefix>outbox_messages SET lease_owner = :claimer, lease_until = :until WHERE id = ANY(ARRAY("
            + "SELECT id FROM <prefix>outbox_messages WHERE " + CLAIMABLE + DUE_ORDER + " LIMIT :limit FOR UPDATE SKIP LOCKED)) "
            + "RETURNING " + OutboxRow.COLUMNS)
    List<OutboxRow> claim(String claimer, Instant now, Instant until, int limit);

    /** H2: the candidates of a claim, oldest due first; {@link #claimH2} then takes those still claimable. */
    @SqlQuery("SELECT id FROM <prefix>outbox_messages WHERE " + CLAIMABLE + DUE_ORDER + " LIMIT :limit")
    List<UUID> claimableH2(Instant now, int limit);

    /**
     * H2: the claim of the candidates in one conditional update, read through a data change delta
     * table. H2 re-checks the condition of a row it had to wait for, so a row another claimer took
     * meanwhile is left out. (With the candidates as a subquery, a thread dump during a drain showed
     * H2 evaluating that subquery again while filtering the rows to update: not with a backlog.)
     */
    @SqlQuery("SELECT " + OutboxRow.COLUMNS + " FROM FINAL TABLE (UPDATE <prefix>outbox_messages SET lease_owner = :claimer, "
            + "lease_until = :until WHERE id IN (<ids>) AND " + CLAIMABLE + ")")
    List<OutboxRow> claimH2(@BindList("ids") Collection<UUID> ids, String claimer, Instant now, Instant until);

    /** Marks those of {@code ids} that {@code claimer} still holds SENT; answers their ids (PostgreSQL). */
    @SqlQuery(MARK_SENT + " RETURNING id")
    List<UUID> markSent(@BindList("ids") Collection<UUID> ids, String claimer, Instant now);

    /** {@link #markSent(Collection, String, Instant)} on H2 (a data change delta table). */
    @SqlQuery("SELECT id FROM FINAL TABLE (" + MARK_SENT + ")")
    List<UUID> markSentH2(@BindList("ids") Collection<UUID> ids, String claimer, Instant now);

    @SqlQuery("SELECT " + OutboxRow.COLUMNS + " FROM <prefix>outbox_messages WHERE id IN (<ids>)" + DUE_ORDER)
    List<OutboxRow> byIds(@BindList("ids") Collection<UUID> ids);

    @SqlQuery("SELECT count(*) FROM <prefix>outbox_messages WHERE id = :id AND status = 'PENDING' AND lease_owner = :claimer")
    int held(UUID id, String claimer);

    @SqlUpdate("UPDATE <prefix>outbox_messages SET status = 'SENT', secret = NULL, attempts = attempts + 1, sent_at = :now, "
            + "lease_owner = NULL, lease_until = NULL WHERE id = :id AND status = 'PENDING' AND lease_owner = :claimer")
    int markSent(UUID id, String claimer, Instant now);

    @SqlUpdate("UPDATE <prefix>outbox_messages SET attempts = :attempts, last_error = :error, next_attempt_at = :nextAttemptAt, "
            + "sent_at = NULL, lease_owner = NULL, lease_until = NULL "
            + "WHERE id = :id AND status = 'PENDING' AND lease_owner = :claimer")
    int markRetry(UUID id, String claimer, int attempts, String error, Instant nextAttemptAt);

    @SqlUpdate("UPDATE <prefix>outbox_messages SET status = 'DEAD', secret = NULL, attempts = :attempts, last_error = :error, "
            + "sent_at = NULL, lease_owner = NULL, lease_until = NULL "
            + "WHERE id = :id AND status = 'PENDING' AND lease_owner = :claimer")
    int markDead(UUID id, String claimer, int attempts, String error);

    /** Newest first per aggregate: the caller keeps the first row of each. */
    @SqlQuery("SELECT " + OutboxRow.COLUMNS + " FROM <prefix>outbox_messages WHERE aggregate_id IN (<aggregates>) "
            + "ORDER BY aggregate_id, id DESC")
    List<OutboxRow> ofAggregates(@BindList("aggregates") Collection<String> aggregates);

    @SqlQuery("SELECT count(*) FROM <prefix>outbox_messages WHERE status = 'PENDING'")
    long backlog();

    @SqlQuery("SELECT " + OutboxRow.COLUMNS + " FROM <prefix>outbox_messages WHERE status = 'DEAD' ORDER BY id DESC LIMIT :limit")
    List<OutboxRow> dead(int limit);
}
