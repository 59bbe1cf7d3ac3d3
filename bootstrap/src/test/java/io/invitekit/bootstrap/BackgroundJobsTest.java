package io.invitekit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.invitekit.application.port.in.DeliveryUseCase;
import io.invitekit.application.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundJobsTest {

    @Test
    void theRelayRunsOnSeveralThreadsAtOnce() throws Exception {
        // Each relay step waits until every relay thread is inside one: only concurrent steps get out.
        CountDownLatch allInside = new CountDownLatch(BackgroundJobs.DEFAULT_RELAY_THREADS);
        AtomicInteger stepsThatSawTheOthers = new AtomicInteger();
        DeliveryUseCase delivery = new DeliveryUseCase() {
            @Override
            public RelayReport relayOnce() {
                allInside.countDown();
                try {
                    if (allInside.await(10, TimeUnit.SECONDS)) {
                        stepsThatSawTheOthers.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new RelayReport(0, 0, 0, 0);
            }

            @Override
            public int sweepExpiredOnce() {
                return 0;
            }

            @Override
            public int dispatchEventsOnce() {
                return 0;
            }

            @Override
            public WebhookReport deliverWebhooksOnce() {
                return new WebhookReport(0, 0, 0, 0);
            }
        };
        try (BackgroundJobs jobs = new BackgroundJobs(delivery, 50, 500)) {
            jobs.start(Duration.ofMillis(50), Duration.ofHours(1));
            assertThat(allInside.await(10, TimeUnit.SECONDS)).as("%d relay steps at once", BackgroundJobs.DEFAULT_RELAY_THREADS)
                    .isTrue();
        }
        assertThat(stepsThatSawTheOthers.get()).isGreaterThanOrEqualTo(BackgroundJobs.DEFAULT_RELAY_THREADS);
    }

    /** A relay whose rounds claim {@code answers} in turn, then nothing. */
    private static DeliveryUseCase relayClaiming(AtomicInteger rounds, int... answers) {
        return new DeliveryUseCase() {
            @Override
            public RelayReport relayOnce() {
                int round = rounds.getAndIncrement();
                int n = round < answers.length ? answers[round] : 0;
                return new RelayReport(n, n, 0, 0);
            }

            @Override
            public int sweepExpiredOnce() {
                return 0;
            }

            @Override
            public int dispatchEventsOnce() {
                return 0;
            }

            @Override
            public WebhookReport deliverWebhooksOnce() {
                return new WebhookReport(0, 0, 0, 0);
            }
        };
    }

    @Test
    void theRelayGoesOnWithoutWaitingWhileBatchesComeBackFullHoweverManyThereAre() {
        int[] answers = new int[101];
        java.util.Arrays.fill(answers, 50);
        answers[100] = 12; // a backlog of 5,012 emails: 100 full batches, then one that is not
        AtomicInteger rounds = new AtomicInteger();
        try (BackgroundJobs jobs = new BackgroundJobs(relayClaiming(rounds, answers), 50, 500)) {
            jobs.relay(); // one run
        }
        assertThat(rounds.get()).isEqualTo(101);
    }

    @Test
    void aClosingNodesRelayStopsAfterTheBatchItIsOn() {
        AtomicInteger rounds = new AtomicInteger();
        AtomicInteger afterClose = new AtomicInteger();
        BackgroundJobs[] jobs = new BackgroundJobs[1];
        DeliveryUseCase endless = new DeliveryUseCase() {
            @Override
            public RelayReport relayOnce() {
                if (rounds.incrementAndGet() == 3) {
                    jobs[0].close(); // the node is stopping while its relay drains a backlog
                } else if (rounds.get() > 3) {
                    afterClose.incrementAndGet();
                }
                return new RelayReport(50, 50, 0, 0);
            }

            @Override
            public int sweepExpiredOnce() {
                return 0;
            }

            @Override
            public int dispatchEventsOnce() {
                return 0;
            }

            @Override
            public WebhookReport deliverWebhooksOnce() {
                return new WebhookReport(0, 0, 0, 0);
            }
        };
        jobs[0] = new BackgroundJobs(endless, 50, 500);
        jobs[0].relay();
        assertThat(rounds.get()).isEqualTo(3);
        assertThat(afterClose.get()).isZero();
    }

    @Test
    void withNoRelayThreadsTheNodeSendsNoEmailButDispatchesEvents() throws Exception {
        AtomicInteger relayRounds = new AtomicInteger();
        CountDownLatch dispatched = new CountDownLatch(3);
        DeliveryUseCase delivery = new DeliveryUseCase() {
            @Override
            public RelayReport relayOnce() {
                relayRounds.incrementAndGet();
                return new RelayReport(0, 0, 0, 0);
            }

            @Override
            public int sweepExpiredOnce() {
                return 0;
            }

            @Override
            public int dispatchEventsOnce() {
                dispatched.countDown();
                return 0;
            }

            @Override
            public WebhookReport deliverWebhooksOnce() {
                return new WebhookReport(0, 0, 0, 0);
            }
        };
        try (BackgroundJobs jobs = new BackgroundJobs(delivery, 50, 500)) {
            jobs.start(Duration.ofMillis(20), Duration.ofHours(1), 0);
            assertThat(dispatched.await(10, TimeUnit.SECONDS)).as("the other jobs run on their schedule").isTrue();
        }
        assertThat(relayRounds.get()).isZero();
    }

    @Test
    void theSweeperRemovesExpiredBucketsBatchAfterBatchUntilOneIsNotFull() {
        List<Integer> asked = new ArrayList<>();
        int[] answers = {500, 500, 3, 500};
        DeliveryUseCase delivery = new DeliveryUseCase() {
            @Override
            public RelayReport relayOnce() {
                return new RelayReport(0, 0, 0, 0);
            }

            @Override
            public int sweepExpiredOnce() {
                throw new StoreUnavailableException("the database does not answer", null);
            }

            @Override
            public int dispatchEventsOnce() {
                return 0;
            }

            @Override
            public WebhookReport deliverWebhooksOnce() {
                return new WebhookReport(0, 0, 0, 0);
            }
        };
        try (BackgroundJobs jobs = new BackgroundJobs(delivery, 50, 500, batch -> {
            asked.add(batch);
            return answers[asked.size() - 1];
        })) {
            jobs.sweep();
        }
        assertThat(asked).as("after a failed invitation sweep too; stops at the first batch that is not full")
                .containsExactly(500, 500, 500);
    }

    @Test
    void theEventDispatcherRunsOnTheRelaysScheduleAndGoesOnWhileBatchesComeBackFull() throws Exception {
        int[] answers = {50, 50, 7};
        AtomicInteger rounds = new AtomicInteger();
        DeliveryUseCase delivery = new DeliveryUseCase() {
            @Override
            public RelayReport relayOnce() {
                return new RelayReport(0, 0, 0, 0);
            }

            @Override
            public int sweepExpiredOnce() {
                return 0;
            }

            @Override
            public int dispatchEventsOnce() {
                int round = rounds.getAndIncrement();
                return round < answers.length ? answers[round] : 0;
            }

            @Override
            public WebhookReport deliverWebhooksOnce() {
                return new WebhookReport(0, 0, 0, 0);
            }
        };
        try (BackgroundJobs jobs = new BackgroundJobs(delivery, 50, 500)) {
            jobs.dispatchEvents(); // one run: two full batches, then one that is not
            assertThat(rounds.get()).isEqualTo(3);
            jobs.start(Duration.ofMillis(20), Duration.ofHours(1));
            CountDownLatch scheduled = new CountDownLatch(1);
            int before = rounds.get();
            // the schedule calls it again on its own
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rounds.get() == before && System.nanoTime() < deadline) {
                scheduled.await(10, TimeUnit.MILLISECONDS);
            }
            assertThat(rounds.get()).isGreaterThan(before);
        }
    }

    @Test
    void theWebhookSenderRunsOnTheRelaysScheduleAndGoesOnWhileBatchesComeBackFull() throws Exception {
        int[] claimed = {20, 20, 3}; // the webhook batch (20) differs from the outbox's (50)
        AtomicInteger rounds = new AtomicInteger();
        DeliveryUseCase delivery = new DeliveryUseCase() {
            @Override
            public RelayReport relayOnce() {
                return new RelayReport(0, 0, 0, 0);
            }

            @Override
            public int sweepExpiredOnce() {
                return 0;
            }

            @Override
            public int dispatchEventsOnce() {
                return 0;
            }

            @Override
            public WebhookReport deliverWebhooksOnce() {
                int round = rounds.getAndIncrement();
                int n = round < claimed.length ? claimed[round] : 0;
                return new WebhookReport(n, n, 0, 0);
            }
        };
        try (BackgroundJobs jobs = new BackgroundJobs(delivery, 50, 500, 20, batch -> 0)) {
            jobs.deliverWebhooks(); // one run: two full batches, then one that is not
            assertThat(rounds.get()).isEqualTo(3);
            jobs.start(Duration.ofMillis(20), Duration.ofHours(1));
            int before = rounds.get();
            CountDownLatch never = new CountDownLatch(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rounds.get() == before && System.nanoTime() < deadline) {
                never.await(10, TimeUnit.MILLISECONDS); // polls the condition; the latch is never counted down
            }
            assertThat(rounds.get()).isGreaterThan(before);
        }
    }
}
