package io.invitekit.testing.contract;

import static io.invitekit.testing.fixtures.Fixtures.NOW;
import static io.invitekit.testing.fixtures.Fixtures.anOutboxMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.invitekit.application.port.in.CurrentRequest;
import io.invitekit.application.port.out.Delivery;
import io.invitekit.application.port.out.Outbox;
import io.invitekit.application.port.out.OutboxMessage;
import io.invitekit.application.port.out.OutboxMessageId;
import io.invitekit.application.port.out.EmailVerificationMail;
import io.invitekit.application.port.out.MemberInvitationMail;
import io.invitekit.application.port.out.PasswordResetMail;
import io.invitekit.application.port.out.SignupAttemptMail;
import io.invitekit.application.port.out.Storage;
import io.invitekit.domain.membership.Role;
import io.invitekit.domain.shared.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Outbox} must do: leased claims, outcomes only from the lease holder, secrets
 * purged once a message is sent, dead or withdrawn, and nothing of a rolled-back transaction.
 *
 * <p>An implementer provides {@link #storage()}: the {@link Storage} whose {@code outbox()} is
 * under test (rollbacks go through its {@code transactions()}), the same instance throughout one
 * test, and empty when each test starts; and {@link #stored}, a look underneath the port at what
 * the store keeps of one message, since a withdrawn message is seen through no method of the port.
 */
public abstract class OutboxContract {
    private static final Duration LEASE = Duration.ofMinutes(1);

    /** For a subclass, which provides the store under test. */
    public OutboxContract() {
    }

    /**
     * The store under test: the same instance throughout one test, empty when the test starts.
     *
     * @return the store whose {@code outbox()} this suite checks
     */
    protected abstract Storage storage();

    /**
     * What the store keeps of a message, looked at underneath the port (a query, the in-memory
     * adapter's list).
     *
     * @param id a message the test enqueued
     * @return its stored status and secret
     */
    protected abstract Stored stored(OutboxMessageId id);

    /**
     * What a store keeps of one message.
     *
     * @param status the name of its {@link OutboxMessage.Status}, as stored ({@code PENDING},
     *               {@code SENT}, {@code DEAD}, {@code WITHDRAWN})
     * @param secret the secret as stored: {@code null} once purged
     */
    public record Stored(String status, String secret) {
    }

    private Outbox outbox() {
        return storage().outbox();
    }

    private static OutboxMessage message(String aggregateId, Instant queuedAt) {
        return anOutboxMessage().about(aggregateId).queuedAt(queuedAt).build();
    }

    @Test
    void an_enqueued_message_is_claimed_whole_with_its_data_and_secret() {
        OutboxMessage message = message("inv-1", NOW);
        outbox().enqueue(message);

        List<OutboxMessage> claimed = outbox().claimDue("relay-a", NOW, LEASE, 10);

        assertThat(claimed).hasSize(1);
        OutboxMessage read = claimed.get(0);
        assertThat(read.id()).isEqualTo(message.id());
        assertThat(read.mail()).isEqualTo(message.mail());
        assertThat(read.secret()).isEqualTo(message.secret());
        assertThat(read).usingRecursiveComparison().isEqualTo(message);
        assertThat(outbox().backlog()).isEqualTo(1);
    }

    @Test
    void a_password_reset_email_is_claimed_whole_with_its_data_and_secret() {
        OutboxMessage message = anOutboxMessage().about("password_reset:someone").queuedAt(NOW)
                .mail(new PasswordResetMail.Queued(EmailAddress.of("reset@example.org"), "Acme Cloud",
                        NOW.plus(Duration.ofHours(1)), 60))
                .build();
        outbox().enqueue(message);

        List<OutboxMessage> claimed = outbox().claimDue("relay-a", NOW, LEASE, 10);

        assertThat(claimed).singleElement().usingRecursiveComparison().isEqualTo(message);
        assertThat(claimed.get(0).mail()).isEqualTo(message.mail());
    }

    @Test
    void an_email_verification_email_and_a_secretless_signup_attempt_email_are_claimed_whole() {
        OutboxMessage verification = anOutboxMessage().about("email_verification:someone").queuedAt(NOW)
                .mail(new EmailVerificationMail.Queued(EmailAddress.of("verify@example.org"), "Acme Cloud",
                        NOW.plus(Duration.ofHours(24)), 24))
                .build();
        OutboxMessage attempt = anOutboxMessage().about("signup_attempt:taken@example.org").queuedAt(NOW)
                .mail(new SignupAttemptMail.Queued(EmailAddress.of("taken@example.org"), "Acme Cloud"))
                .secret(null)
                .build();
        outbox().enqueue(verification);
        outbox().enqueue(attempt);

        List<OutboxMessage> claimed = outbox().claimDue("relay-a", NOW, LEASE, 10);

        assertThat(claimed).hasSize(2);
        assertThat(claimed).filteredOn(m -> m.id().equals(verification.id())).singleElement()
                .usingRecursiveComparison().isEqualTo(verification);
        assertThat(claimed).filteredOn(m -> m.id().equals(attempt.id())).singleElement()
                .usingRecursiveComparison().isEqualTo(attempt);
    }

    @Test
    void a_member_invitation_email_of_each_role_is_claimed_whole_with_its_data_and_secret() {
        List<OutboxMessage> queued = new ArrayList<>();
        for (Role role : List.of(Role.ADMIN, Role.MEMBER)) {
            OutboxMessage message = anOutboxMessage().about("member-invitation-" + role).queuedAt(NOW)
                    .mail(new MemberInvitationMail.Queued(EmailAddress.of(role.name().toLowerCase(java.util.Locale.ROOT) + "@example.org"),
                            "Acme Cloud", "Zoë \"Ada\" Lovelace", "Bob's <Bakery> & Co", role,
                            NOW.plus(Duration.ofDays(3)), 3))
                    .build();
            outbox().enqueue(message);
            queued.add(message);
        }

        List<OutboxMessage> claimed = outbox().claimDue("relay-a", NOW, LEASE, 10);

        assertThat(claimed).hasSize(2);
        for (OutboxMessage message : queued) {
            assertThat(claimed).filteredOn(m -> m.id().equals(message.id())).singleElement()
                    .usingRecursiveComparison().isEqualTo(message);
            assertThat(outbox().byId(message.id()).orElseThrow().kind()).isEqualTo(MemberInvitationMail.KIND);
        }
    }

    @Test
    void only_due_messages_are_claimed_oldest_due_first_up_to_the_limit() {
        OutboxMessage later = message("a", NOW.plusSeconds(30));
        OutboxMessage first = message("b", NOW.minusSeconds(20));
        OutboxMessage second = message("c", NOW.minusSeconds(10));
        OutboxMessage third = message("d", NOW);
        for (OutboxMessage each : List.of(later, third, second, first)) {
            outbox().enqueue(each);
        }

        assertThat(ids(outbox().claimDue("relay-a", NOW, LEASE, 2))).containsExactly(first.id(), second.id());
        assertThat(ids(outbox().claimDue("relay-b", NOW, LEASE, 5))).containsExactly(third.id());
        assertThat(outbox().claimDue("relay-b", NOW, LEASE, 5)).isEmpty();
    }

    @Test
    void a_leased_message_is_nobody_elses_until_the_lease_runs_out() {
        OutboxMessage message = message("leased", NOW);
        outbox().enqueue(message);
        assertThat(outbox().claimDue("relay-a", NOW, LEASE, 10)).hasSize(1);

        assertThat(outbox().claimDue("relay-b", NOW.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();
        List<OutboxMessage> reclaimed = outbox().claimDue("relay-b", NOW.plus(LEASE), LEASE, 10);

        assertThat(ids(reclaimed)).containsExactly(message.id());
        assertThat(outbox().markSent(message.id(), "relay-a", NOW.plus(LEASE))).isFalse();
        assertThat(outbox().markSent(message.id(), "relay-b", NOW.plus(LEASE))).isTrue();
    }

    @Test
    void sent_is_recorded_only_by_the_lease_holder_and_purges_the_secret() {
        OutboxMessage message = message("sent", NOW);
        outbox().enqueue(message);
        outbox().claimDue("relay-a", NOW, LEASE, 10);

        assertThat(outbox().markSent(message.id(), "relay-b", NOW)).isFalse();
        assertThat(outbox().markSent(message.id(), "relay-a", NOW.plusSeconds(1))).isTrue();
        assertThat(outbox().markSent(message.id(), "relay-a", NOW.plusSeconds(2))).isFalse();

        assertThat(outbox().backlog()).isZero();
        assertThat(outbox().claimDue("relay-a", NOW.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
        Delivery delivery = outbox().latestDeliveries(List.of("sent")).get("sent");
        assertThat(delivery).isEqualTo(new Delivery(Delivery.State.SENT, 1, null, NOW.plusSeconds(1)));
    }

    @Test
    void a_failed_attempt_comes_back_when_due_and_a_final_one_is_dead_without_its_secret() {
        OutboxMessage message = message("retried", NOW);
        outbox().enqueue(message);
        outbox().claimDue("relay-a", NOW, LEASE, 10);
        Instant retryAt = NOW.plusSeconds(30);

        assertThat(outbox().markFailed(message.id(), "relay-b", 1, "not mine", retryAt)).isFalse();
        assertThat(outbox().markFailed(message.id(), "relay-a", 1, "421 try later", retryAt)).isTrue();
        assertThat(outbox().latestDeliveries(List.of("retried")).get("retried"))
                .isEqualTo(new Delivery(Delivery.State.RETRYING, 1, "421 try later", null));
        assertThat(outbox().claimDue("relay-a", retryAt.minusSeconds(1), LEASE, 10)).isEmpty();
        List<OutboxMessage> again = outbox().claimDue("relay-a", retryAt, LEASE, 10);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).secret()).isEqualTo(message.secret());
        assertThat(again.get(0).attempts()).isEqualTo(1);

        assertThat(outbox().markFailed(message.id(), "relay-a", 2, "550 no such user", null)).isTrue();

        List<OutboxMessage> dead = outbox().dead(10);
        assertThat(ids(dead)).containsExactly(message.id());
        assertThat(dead.get(0).secret()).isNull();
        assertThat(dead.get(0).status()).isEqualTo(OutboxMessage.Status.DEAD);
        assertThat(dead.get(0).lastError()).isEqualTo("550 no such user");
        assertThat(outbox().backlog()).isZero();
        assertThat(outbox().claimDue("relay-a", NOW.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
    }

    @Test
    void a_message_is_found_by_its_id_in_any_state_and_an_unknown_id_is_not() {
        OutboxMessage message = message("looked-up", NOW);
        outbox().enqueue(message);
        assertThat(outbox().byId(message.id())).hasValueSatisfying(found -> {
            assertThat(found.status()).isEqualTo(OutboxMessage.Status.PENDING);
            assertThat(found.secret()).isEqualTo(message.secret());
            assertThat(found.aggregateId()).isEqualTo("looked-up");
        });
        outbox().claimDue("relay", NOW, LEASE, 10);
        outbox().markFailed(message.id(), "relay", 1, "550 no such user", null);

        assertThat(outbox().byId(message.id())).hasValueSatisfying(found -> {
            assertThat(found.status()).isEqualTo(OutboxMessage.Status.DEAD);
            assertThat(found.lastError()).isEqualTo("550 no such user");
            assertThat(found.secret()).isNull();
        });
        assertThat(outbox().byId(new OutboxMessageId(java.util.UUID.randomUUID()))).isEmpty();
    }

    @Test
    void a_message_keeps_the_id_of_the_request_that_queued_it_through_every_state() {
        OutboxMessage queuedInARequest;
        CurrentRequest.begin("req-7f3a9c");
        try {
            queuedInARequest = message("in-a-request", NOW);
        } finally {
            CurrentRequest.end();
        }
        OutboxMessage queuedOutside = message("outside", NOW);
        outbox().enqueue(queuedInARequest);
        outbox().enqueue(queuedOutside);

        assertThat(outbox().claimDue("relay", NOW, LEASE, 10)).extracting(OutboxMessage::requestId)
                .containsExactlyInAnyOrder("req-7f3a9c", null);
        outbox().markFailed(queuedInARequest.id(), "relay", 1, "550 no such user", null);
        outbox().markSent(queuedOutside.id(), "relay", NOW);

        assertThat(outbox().byId(queuedInARequest.id()).orElseThrow().requestId()).isEqualTo("req-7f3a9c");
        assertThat(outbox().byId(queuedOutside.id()).orElseThrow().requestId()).isNull();
    }

    @Test
    void dead_messages_are_listed_newest_first() {
        List<OutboxMessage> newestFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OutboxMessage message = message("dead-" + i, NOW);
            outbox().enqueue(message);
            newestFirst.add(0, message);
        }
        outbox().claimDue("relay", NOW, LEASE, 10);
        newestFirst.forEach(m -> outbox().markFailed(m.id(), "relay", 10, "gave up", null));

        assertThat(ids(outbox().dead(2))).containsExactly(newestFirst.get(0).id(), newestFirst.get(1).id());
    }

    @Test
    void the_latest_delivery_is_the_newest_message_per_aggregate() {
        OutboxMessage older = message("inv-x", NOW.minusSeconds(100));
        OutboxMessage newer = message("inv-x", NOW.minusSeconds(50));
        OutboxMessage other = message("inv-y", NOW);
        outbox().enqueue(older);
        outbox().enqueue(newer);
        outbox().enqueue(other);
        outbox().claimDue("relay", NOW, LEASE, 1);
        outbox().markSent(older.id(), "relay", NOW);

        Map<String, Delivery> latest = outbox().latestDeliveries(List.of("inv-x", "inv-y", "inv-z"));

        assertThat(latest).containsOnlyKeys("inv-x", "inv-y");
        assertThat(latest.get("inv-x").state()).isEqualTo(Delivery.State.QUEUED);
        assertThat(outbox().latestDeliveries(List.of())).isEmpty();
    }

    @Test
    void a_message_enqueued_in_a_rolled_back_transaction_never_existed() {
        OutboxMessage message = message("rolled-back", NOW);

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            outbox().enqueue(message);
            throw new IllegalStateException("the change failed");
        })).hasMessage("the change failed");

        assertThat(outbox().backlog()).isZero();
        assertThat(outbox().claimDue("relay", NOW, LEASE, 10)).isEmpty();
        assertThat(outbox().latestDeliveries(List.of("rolled-back"))).isEmpty();
    }

    @Test
    void a_withdrawal_takes_back_every_unsent_message_of_its_aggregate_and_purges_their_secrets() {
        OutboxMessage queued = message("withdrawn", NOW.minusSeconds(60));
        OutboxMessage retrying = message("withdrawn", NOW.minusSeconds(50));
        OutboxMessage sent = message("withdrawn", NOW.minusSeconds(40));
        OutboxMessage dead = message("withdrawn", NOW.minusSeconds(30));
        OutboxMessage otherInvitation = message("kept", NOW.minusSeconds(20));
        for (OutboxMessage each : List.of(queued, retrying, sent, dead, otherInvitation)) {
            outbox().enqueue(each);
        }
        outbox().claimDue("relay", NOW, LEASE, 4);
        outbox().markFailed(retrying.id(), "relay", 1, "421 try later", NOW.plusSeconds(30));
        outbox().markSent(sent.id(), "relay", NOW);
        outbox().markFailed(dead.id(), "relay", 1, "550 no such user", null);
        outbox().markFailed(queued.id(), "relay", 1, "421 try later", NOW); // back in the queue, due at once

        int withdrawn = storage().transactions().inTransaction(() -> outbox().withdraw("withdrawn"));

        assertThat(withdrawn).isEqualTo(2);
        assertThat(stored(queued.id())).isEqualTo(new Stored("WITHDRAWN", null));
        assertThat(stored(retrying.id())).isEqualTo(new Stored("WITHDRAWN", null));
        assertThat(stored(sent.id()).status()).isEqualTo("SENT");
        assertThat(stored(dead.id()).status()).isEqualTo("DEAD");
        assertThat(stored(otherInvitation.id())).isEqualTo(new Stored("PENDING", otherInvitation.secret()));
        assertThat(ids(outbox().claimDue("relay", NOW.plus(Duration.ofDays(1)), LEASE, 10)))
                .containsExactly(otherInvitation.id());
        assertThat(outbox().backlog()).isEqualTo(1);
        assertThat(outbox().dead(10)).extracting(OutboxMessage::id).containsExactly(dead.id());
        assertThat(outbox().withdraw("withdrawn")).isZero();
        assertThat(outbox().withdraw("nothing-about-this")).isZero();
    }

    @Test
    void the_latest_delivery_of_a_withdrawn_message_says_withdrawn_with_its_attempts() {
        OutboxMessage message = message("cancelled", NOW);
        outbox().enqueue(message);
        outbox().claimDue("relay", NOW, LEASE, 10);
        outbox().markFailed(message.id(), "relay", 1, "421 try later", NOW.plusSeconds(30));

        outbox().withdraw("cancelled");

        assertThat(outbox().latestDeliveries(List.of("cancelled")).get("cancelled"))
                .isEqualTo(new Delivery(Delivery.State.WITHDRAWN, 1, "421 try later", null));
    }

    @Test
    void a_send_in_flight_when_its_message_is_withdrawn_cannot_record_an_outcome_over_the_withdrawal() {
        OutboxMessage sending = message("in-flight", NOW);
        OutboxMessage failing = message("in-flight", NOW.plusSeconds(1));
        OutboxMessage givingUp = message("in-flight", NOW.plusSeconds(2));
        outbox().enqueue(sending);
        outbox().enqueue(failing);
        outbox().enqueue(givingUp);
        assertThat(outbox().claimDue("relay-a", NOW.plusSeconds(2), LEASE, 10)).hasSize(3);

        assertThat(outbox().withdraw("in-flight")).as("leased messages are withdrawn too").isEqualTo(3);

        assertThat(outbox().markSent(sending.id(), "relay-a", NOW.plusSeconds(3))).isFalse();
        assertThat(outbox().markFailed(failing.id(), "relay-a", 1, "421 try later", NOW.plusSeconds(30))).isFalse();
        assertThat(outbox().markFailed(givingUp.id(), "relay-a", 1, "550 no such user", null)).isFalse();
        for (OutboxMessage each : List.of(sending, failing, givingUp)) {
            assertThat(stored(each.id())).isEqualTo(new Stored("WITHDRAWN", null));
        }
        assertThat(outbox().claimDue("relay-b", NOW.plus(Duration.ofDays(1)), LEASE, 10))
                .as("neither a retry nor a lapsed lease brings one back").isEmpty();
        assertThat(outbox().dead(10)).isEmpty();
        assertThat(outbox().backlog()).isZero();
    }

    @Test
    void a_message_is_held_while_its_claimer_may_still_send_it() {
        OutboxMessage sent = message("held-sent", NOW);
        OutboxMessage withdrawn = message("held-withdrawn", NOW);
        OutboxMessage unclaimed = message("held-unclaimed", NOW.plusSeconds(60));
        outbox().enqueue(sent);
        outbox().enqueue(withdrawn);
        outbox().enqueue(unclaimed);
        outbox().claimDue("relay-a", NOW, LEASE, 10);

        assertThat(outbox().isHeld(sent.id(), "relay-a")).isTrue();
        assertThat(outbox().isHeld(sent.id(), "relay-b")).isFalse();
        assertThat(outbox().isHeld(unclaimed.id(), "relay-a")).isFalse();
        assertThat(outbox().isHeld(withdrawn.id(), "relay-a")).isTrue();

        outbox().withdraw("held-withdrawn");
        outbox().markSent(sent.id(), "relay-a", NOW);

        assertThat(outbox().isHeld(withdrawn.id(), "relay-a")).isFalse();
        assertThat(outbox().isHeld(sent.id(), "relay-a")).isFalse();
    }

    @Test
    void a_withdrawal_in_a_rolled_back_transaction_never_happened_and_the_lease_still_holds() {
        OutboxMessage message = message("kept-after-rollback", NOW);
        outbox().enqueue(message);
        outbox().claimDue("relay-a", NOW, LEASE, 10);

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            assertThat(outbox().withdraw("kept-after-rollback")).isEqualTo(1);
            throw new IllegalStateException("the resend failed");
        })).hasMessage("the resend failed");

        assertThat(stored(message.id())).isEqualTo(new Stored("PENDING", message.secret()));
        assertThat(outbox().claimDue("relay-b", NOW.plusSeconds(1), LEASE, 10)).as("relay-a's lease still holds").isEmpty();
        assertThat(outbox().markSent(message.id(), "relay-a", NOW.plusSeconds(2))).isTrue();
    }

    @Test
    void a_batch_is_recorded_sent_at_once_except_what_another_holds_or_was_withdrawn() {
        OutboxMessage first = message("batch-1", NOW);
        OutboxMessage second = message("batch-2", NOW.plusSeconds(1));
        OutboxMessage withdrawn = message("batch-3", NOW.plusSeconds(2));
        OutboxMessage othersLease = message("batch-4", NOW.plusSeconds(3));
        for (OutboxMessage each : List.of(first, second, withdrawn, othersLease)) {
            outbox().enqueue(each);
        }
        assertThat(outbox().claimDue("relay-a", NOW.plusSeconds(2), LEASE, 10)).hasSize(3);
        assertThat(outbox().claimDue("relay-b", NOW.plusSeconds(3), LEASE, 10)).hasSize(1);
        outbox().withdraw("batch-3");

        Set<OutboxMessageId> marked = storage().transactions().inTransaction(() -> outbox().markSent(
                List.of(first.id(), second.id(), withdrawn.id(), othersLease.id()), "relay-a", NOW.plusSeconds(4)));

        assertThat(marked).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(stored(first.id())).isEqualTo(new Stored("SENT", null));
        assertThat(stored(second.id())).isEqualTo(new Stored("SENT", null));
        assertThat(stored(withdrawn.id())).isEqualTo(new Stored("WITHDRAWN", null));
        assertThat(stored(othersLease.id())).isEqualTo(new Stored("PENDING", othersLease.secret()));
        assertThat(outbox().latestDeliveries(List.of("batch-2")).get("batch-2"))
                .isEqualTo(new Delivery(Delivery.State.SENT, 1, null, NOW.plusSeconds(4)));
        assertThat(outbox().markSent(List.of(first.id(), second.id()), "relay-a", NOW.plusSeconds(5)))
                .as("once recorded, not again").isEmpty();
        assertThat(outbox().markSent(List.of(), "relay-a", NOW.plusSeconds(5))).isEmpty();
        assertThat(outbox().markSent(List.of(othersLease.id()), "relay-b", NOW.plusSeconds(6)))
                .containsExactly(othersLease.id());
    }

    @Test
    void a_batch_recorded_sent_in_a_rolled_back_transaction_is_still_pending_and_held() {
        OutboxMessage message = message("batch-rolled-back", NOW);
        outbox().enqueue(message);
        outbox().claimDue("relay-a", NOW, LEASE, 10);

        assertThatThrownBy(() -> storage().transactions().run(() -> {
            assertThat(outbox().markSent(List.of(message.id()), "relay-a", NOW)).containsExactly(message.id());
            throw new IllegalStateException("the event could not be written");
        })).hasMessage("the event could not be written");

        assertThat(stored(message.id())).isEqualTo(new Stored("PENDING", message.secret()));
        assertThat(outbox().isHeld(message.id(), "relay-a")).isTrue();
    }

    @Test
    void concurrent_claimers_get_disjoint_batches_that_together_take_every_due_message() throws Exception {
        int messages = 120;
        for (int i = 0; i < messages; i++) {
            outbox().enqueue(message("many-" + i, NOW.minusSeconds(messages - i)));
        }
        int claimers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<OutboxMessage>>> rounds = new ArrayList<>();
            for (int c = 0; c < claimers; c++) {
                String claimer = "relay-" + c;
                rounds.add(pool.submit(() -> {
                    start.await();
                    List<OutboxMessage> mine = new ArrayList<>();
                    List<OutboxMessage> batch;
                    do {
                        batch = outbox().claimDue(claimer, NOW, LEASE, 10);
                        mine.addAll(batch);
                    } while (!batch.isEmpty());
                    return mine;
                }));
            }
            start.countDown();
            List<Object> all = new ArrayList<>();
            for (Future<List<OutboxMessage>> round : rounds) {
                all.addAll(ids(round.get(60, TimeUnit.SECONDS)));
            }
            assertThat(all).hasSize(messages).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Object> ids(List<OutboxMessage> messages) {
        return messages.stream().<Object>map(OutboxMessage::id).toList();
    }
}
