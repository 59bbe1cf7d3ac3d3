package io.invitekit.bootstrap;

import io.invitekit.application.port.in.DeliveryUseCase;
import io.invitekit.application.port.in.DeliveryUseCase.RelayReport;
import io.invitekit.application.port.out.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox relay, the event dispatcher (events to listeners and webhooks, on the relay's
 * interval, one thread: a batch is a lease, so several nodes share the work) and the expiry
 * sweeper (which also removes rate-limit buckets that have refilled, when they are in the
 * database), each on its own fixed delay. The relay runs on several
 * threads: sending is a few round trips to the SMTP server per email, so one thread spends most
 * of its time waiting, and claims are leases, so the threads (like several nodes) never take the
 * same email.
 */
final class BackgroundJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundJobs.class);
    private static final int MAX_BATCHES_PER_RUN = 20;
    static final int RELAY_THREADS = 4;

    private final DeliveryUseCase delivery;
    private final int relayBatch;
    private final int sweepBatch;
    private final int webhookBatch;
    private final IntUnaryOperator expiredBuckets;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(RELAY_THREADS + 3, runnable -> {
        Thread thread = new Thread(runnable, "invitekit-background");
        thread.setDaemon(true);
        return thread;
    });

    BackgroundJobs(DeliveryUseCase delivery, int relayBatch, int sweepBatch) {
        this(delivery, relayBatch, sweepBatch, batch -> 0);
    }

    /** @param expiredBuckets removes at most the given number of expired rate-limit buckets and says how many */
    BackgroundJobs(DeliveryUseCase delivery, int relayBatch, int sweepBatch, IntUnaryOperator expiredBuckets) {
        this(delivery, relayBatch, sweepBatch, relayBatch, expiredBuckets);
    }

    /** @param webhookBatch how many webhook deliveries one step claims at most (the webhook policy's batch size) */
    BackgroundJobs(DeliveryUseCase delivery, int relayBatch, int sweepBatch, int webhookBatch,
                   IntUnaryOperator expiredBuckets) {
        this.webhookBatch = webhookBatch;
        this.delivery = delivery;
        this.relayBatch = relayBatch;
        this.sweepBatch = sweepBatch;
        this.expiredBuckets = expiredBuckets;
    }

    void start(Duration relayInterval, Duration sweepInterval) {
        for (int i = 0; i < RELAY_THREADS; i++) {
            long stagger = relayInterval.toMillis() * i / RELAY_THREADS;
            scheduler.scheduleWithFixedDelay(this::relay, stagger, relayInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(this::dispatchEvents, relayInterval.toMillis() / 2, relayInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::deliverWebhooks, relayInterval.toMillis() * 3 / 4, relayInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::sweep, sweepInterval.toMillis(), sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends what is due; keeps going while full batches come back, within a bound. */
    void relay() {
        guarded("outbox relay", () -> {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                RelayReport report = delivery.relayOnce();
                if (report.claimed() < relayBatch) {
                    return;
                }
            }
        });
    }

    /** Hands committed events to listeners and webhooks; keeps going while full batches come back, within a bound. */
    void dispatchEvents() {
        guarded("event dispatcher", () -> {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                if (delivery.dispatchEventsOnce() < relayBatch) {
                    return;
                }
            }
        });
    }

    /** Sends the webhook deliveries that are due; keeps going while full batches come back, within a bound. */
    void deliverWebhooks() {
        guarded("webhook sender", () -> {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                if (delivery.deliverWebhooksOnce().claimed() < webhookBatch) {
                    return;
                }
            }
        });
    }

    void sweep() {
        guarded("expiry sweeper", () -> {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                if (delivery.sweepExpiredOnce() < sweepBatch) {
                    return;
                }
            }
        });
        guarded("rate-limit bucket sweeper", () -> {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                if (expiredBuckets.applyAsInt(sweepBatch) < sweepBatch) {
                    return;
                }
            }
        });
    }

    /** A failed run must not cancel the schedule: log it and try again next time. */
    private static void guarded(String job, Runnable work) {
        try {
            work.run();
        } catch (StoreUnavailableException down) {
            LOG.warn("{} skipped: database unavailable ({})", job, down.getMessage());
        } catch (RuntimeException bug) {
            LOG.error("{} failed", job, bug);
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
